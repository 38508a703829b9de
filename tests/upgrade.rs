//! Decision logs and saves survive an upgrade of the game.
//!
//! Fixtures in `tests/fixtures/upgrade/`: a log (`log_current.json`) and a save
//! (`save_current.json`) written by the current model version, and the same two as an earlier
//! model would have left them (`*_model0.json`: model version 0, other state hashes, and one
//! decision the current model refuses, as a changed rule would). The current ones replay and
//! continue exactly; the old ones take the message and the re-simulation path, and nothing is
//! lost. When `MODEL_VERSION` is bumped, the current fixtures stop replaying exactly: regenerate
//! them with `ORGCRAFT_UPDATE_FIXTURES=1 cargo test --test upgrade` (the old ones are derived).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[cfg(feature = "gui")]
use orgcraft::gui::game::Game;
#[cfg(feature = "gui")]
use orgcraft::gui::save::{SaveFile, SaveStatus, SaveStore};
#[cfg(feature = "gui")]
use orgcraft::gui::state::{Command as Ui, GuiState, Screen};
use orgcraft::headless::{self, log};
use orgcraft::model::MODEL_VERSION;
use orgcraft::sim::Action;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/upgrade")
}

/// Writes the fixtures when asked; always returns the fixture folder.
fn fixtures() -> PathBuf {
    let d = dir();
    if std::env::var_os("ORGCRAFT_UPDATE_FIXTURES").is_some() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| write_fixtures(&d));
    }
    d
}

/// A decision the current model refuses in week 2: a 1:1 with someone this model's scenario
/// does not have (as a person an older model had spawned, or a rule that changed, would leave).
/// Refused, it changes nothing, so the rest is this model's own game.
fn refused_in_week_2() -> Action {
    Action::OneOnOne {
        person: orgcraft::model::PersonId(9999),
    }
}

fn write_fixtures(d: &Path) {
    std::fs::create_dir_all(d).expect("fixture dir");
    // The scenarios travel with their logs: the log names its file, found next to it.
    for f in ["pmo_gantt.ron", "brooks_trap.ron"] {
        std::fs::copy(common::scenarios_dir().join(f), d.join(f)).expect("copy scenario");
    }
    let sc = orgcraft::scenario::load(&d.join("pmo_gantt.ron")).expect("loads");
    let mut bot = headless::policy_by_name("servant").expect("servant");
    let (_, mut current) = log::record(&sc, "servant", bot.as_mut(), sc.raw.seed, None);
    current.scenario_file = "pmo_gantt.ron".into();
    current
        .write(&d.join("log_current.json"))
        .expect("write log");
    let mut old = current.clone();
    old.model_version = 0;
    old.version = "0.0.9".into();
    old.weeks[1].actions.push(refused_in_week_2());
    for w in &mut old.weeks {
        w.state_hash = format!(
            "{:016x}",
            u64::from_str_radix(&w.state_hash, 16).unwrap_or(0) ^ 1
        );
    }
    old.write(&d.join("log_model0.json"))
        .expect("write old log");
    #[cfg(feature = "gui")]
    write_save_fixtures(d);
}

/// The save fixtures (the game's saves need the `gui` feature).
#[cfg(feature = "gui")]
fn write_save_fixtures(d: &Path) {
    // A save after four weeks of brooks_trap.
    let path = d.join("brooks_trap.ron");
    let text = std::fs::read_to_string(&path).expect("scenario text");
    let sc = orgcraft::scenario::parse("brooks_trap.ron", text.as_bytes()).expect("loads");
    let seed = sc.raw.seed;
    let mut game = Game::new(sc, None, seed);
    let mut bot = headless::policy_by_name("servant").expect("servant");
    for _ in 0..4 {
        game.queue_policy(bot.as_mut());
        game.end_week();
    }
    let save = SaveFile::of(&game, &text);
    let json = serde_json::to_vec_pretty(&save).expect("save json");
    std::fs::write(d.join("save_current.json"), json).expect("write save");
    let mut old = save.clone();
    old.model_version = 0;
    old.version = "0.0.9".into();
    old.week_hashes.clear();
    old.decisions[1].push(refused_in_week_2());
    let json = serde_json::to_vec_pretty(&old).expect("save json");
    std::fs::write(d.join("save_model0.json"), json).expect("write old save");
}

fn orgcraft(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgcraft"))
        .args(args)
        .output()
        .expect("run orgcraft")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn read_log(name: &str) -> log::DecisionLog {
    log::DecisionLog::read(&fixtures().join(name)).expect("fixture log")
}

fn fixture_scenario(name: &str) -> orgcraft::scenario::Scenario {
    orgcraft::scenario::load(&fixtures().join(name)).expect("fixture scenario")
}

#[test]
fn a_log_written_before_model_versions_reads_as_model_version_0() {
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixtures().join("log_current.json")).expect("read"))
            .expect("json");
    v.as_object_mut().expect("object").remove("model_version");
    v.as_object_mut().expect("object").remove("result");
    let lg: log::DecisionLog = serde_json::from_value(v).expect("an old log still reads");
    assert_eq!((lg.model_version, lg.result), (0, None));
    let sc = fixture_scenario("pmo_gantt.ron");
    assert!(matches!(
        log::replay(&sc, &lg),
        Err(log::LogError::ModelVersion { log: 0, .. })
    ));
}

#[test]
fn a_log_of_this_model_replays_exactly() {
    let lg = read_log("log_current.json");
    assert_eq!(
        lg.model_version, MODEL_VERSION,
        "the current fixtures are older than the model: regenerate them (see the file's docs)"
    );
    let sc = fixture_scenario("pmo_gantt.ron");
    let r = log::replay(&sc, &lg).expect("replays with every hash matching");
    let logged = lg.result.expect("the log records its result");
    assert_eq!(r.combined, logged.combined);
    // From the command line, the scenario is found next to the log.
    let p = fixtures().join("log_current.json");
    let out = orgcraft(&["replay", &p.display().to_string()]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("every week's state hash matched the log"));
}

#[test]
fn a_log_of_another_model_gets_the_message_and_the_resimulate_path() {
    let lg = read_log("log_model0.json");
    let sc = fixture_scenario("pmo_gantt.ron");
    let e = log::replay(&sc, &lg).expect_err("another model version");
    let msg = e.to_string();
    assert!(msg.contains("before model versions were recorded"), "{msg}");
    assert!(
        msg.contains(&format!("model version {MODEL_VERSION}")),
        "{msg}"
    );
    assert!(msg.contains("--resimulate"), "{msg}");
    // The re-simulation: every week played, the refused decision listed, the result beside.
    let r = log::resimulate(&sc, &lg).expect("re-simulates");
    assert_eq!(r.dropped.len(), 1, "{:?}", r.dropped);
    assert_eq!(
        (r.dropped[0].week, r.dropped[0].action.as_str()),
        (2, "one_on_one")
    );
    assert_eq!(r.log.model_version, MODEL_VERSION);
    assert_eq!(r.log.weeks.len(), lg.weeks.len());
    // Its log is a log of this model: it replays exactly.
    let again = log::replay(&sc, &r.log).expect("the re-simulated log replays");
    assert_eq!(again.combined, r.report.combined);
    // The logged decisions minus the refused one are this model's game.
    let current = read_log("log_current.json");
    assert_eq!(r.report.combined, current.result.expect("result").combined);

    let p = fixtures().join("log_model0.json").display().to_string();
    let refused = orgcraft(&["replay", &p]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused).contains("--resimulate"),
        "{}",
        text(&refused)
    );
    let out = orgcraft(&["replay", &p, "--resimulate"]);
    assert!(out.status.success(), "{}", text(&out));
    let t = text(&out);
    assert!(t.contains("week 2: one_on_one no longer applies"), "{t}");
    assert!(t.contains("logged: culture"), "{t}");
    let json = orgcraft(&["replay", &p, "--resimulate", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v["logged_model_version"], 0);
    assert_eq!(v["model_version"], MODEL_VERSION);
    assert_eq!(v["dropped"].as_array().map(Vec::len), Some(1));
    assert!(v["logged"]["combined"].is_number() && v["resimulated"]["combined"].is_number());
    // The other commands offer the same path.
    let out_dir = std::env::temp_dir().join(format!("orgcraft-upgrade-{}", std::process::id()));
    let report_dir = out_dir.join("report").display().to_string();
    for args in [
        vec!["whatif", p.as_str(), "--json"],
        vec!["luck", p.as_str(), "--seeds", "3", "--json"],
        vec![
            "report",
            p.as_str(),
            "--out",
            report_dir.as_str(),
            "--seeds",
            "0",
        ],
    ] {
        let no = orgcraft(&args);
        assert_eq!(no.status.code(), Some(1), "{args:?}: {}", text(&no));
        assert!(
            text(&no).contains("--resimulate"),
            "{args:?}: {}",
            text(&no)
        );
        let yes = orgcraft(&[args.as_slice(), &["--resimulate"]].concat());
        assert!(yes.status.success(), "{args:?}: {}", text(&yes));
    }
    let md = std::fs::read_to_string(out_dir.join("report/report.md")).expect("report");
    assert!(
        md.contains(&format!("model version {MODEL_VERSION}")),
        "{md}"
    );
}

#[test]
fn session_merge_never_mixes_model_versions() {
    let d = fixtures();
    let (a, b) = (d.join("log_current.json"), d.join("log_model0.json"));
    let out = std::env::temp_dir().join(format!("orgcraft-merge-{}", std::process::id()));
    let args = |extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = ["session", "merge"].iter().map(|s| s.to_string()).collect();
        v.push(a.display().to_string());
        v.push(b.display().to_string());
        v.extend(["--out".to_string(), out.display().to_string()]);
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    fn refs(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    let mixed = orgcraft(&refs(&args(&[])));
    assert_eq!(mixed.status.code(), Some(1));
    assert!(
        text(&mixed).contains("model version 0 differs"),
        "{}",
        text(&mixed)
    );
    let merged = orgcraft(&refs(&args(&["--resimulate"])));
    assert!(merged.status.success(), "{}", text(&merged));
    let md = std::fs::read_to_string(out.join("report.md")).expect("merge report");
    assert!(md.contains("played on model version 0"), "{md}");
    assert!(md.contains("1 decision(s) no longer apply"), "{md}");
}

/// A save folder holding `fixture` as its autosave.
#[cfg(feature = "gui")]
fn save_folder(fixture: &str) -> (PathBuf, GuiState) {
    let d = std::env::temp_dir().join(format!(
        "orgcraft-upgrade-save-{fixture}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("save dir");
    std::fs::copy(fixtures().join(fixture), d.join("autosave.json")).expect("copy save");
    let st = GuiState::new(
        &[(common::scenarios_dir(), "shipped")],
        SaveStore::new(d.clone()),
    );
    (d, st)
}

#[cfg(feature = "gui")]
#[test]
fn a_save_of_this_model_continues_exactly() {
    let (_, mut st) = save_folder("save_current.json");
    let SaveStatus::Ready(save) = st.save_status.clone() else {
        panic!("the save is readable")
    };
    assert!(!save.from_another_model());
    st.apply(Ui::Continue);
    assert_eq!(st.screen, Screen::Playing, "{:?}", st.message);
    let g = st.game.as_ref().expect("restored");
    assert_eq!(g.week_hashes(), save.week_hashes.as_slice());
    assert_eq!(g.week(), 5);
}

#[cfg(feature = "gui")]
#[test]
fn a_save_of_another_model_offers_the_choice_and_loses_nothing() {
    let (d, mut st) = save_folder("save_model0.json");
    let SaveStatus::Ready(save) = st.save_status.clone() else {
        panic!("the save is readable")
    };
    assert!(save.from_another_model());
    // The title says so and offers both ways.
    let texts = common::drawn_text(&st);
    assert!(
        texts.contains("saved by an earlier version of Orgcraft"),
        "{texts}"
    );
    assert!(texts.contains("Continue on the new model"), "{texts}");
    assert!(texts.contains("Start this scenario again"), "{texts}");
    // Plain Continue does not replace anything: the player must choose.
    st.apply(Ui::Continue);
    assert!(st.game.is_none());
    assert!(d.join("autosave.json").exists());
    st.apply(Ui::ContinueOnNewModel);
    assert_eq!(st.screen, Screen::Playing, "{:?}", st.message);
    let msg = st.message.clone().unwrap_or_default();
    assert!(msg.contains("1 decision(s) no longer apply"), "{msg}");
    assert!(msg.contains("week 2 one_on_one"), "{msg}");
    assert!(
        d.join("autosave.model-0.json").exists(),
        "the old save is kept"
    );
    let g = st.game.as_ref().expect("continued");
    assert_eq!(g.week(), 5);
    // The continued game is the current model's game of the decisions that still apply.
    let current: SaveFile = serde_json::from_slice(
        &std::fs::read(fixtures().join("save_current.json")).expect("current save"),
    )
    .expect("save json");
    assert_eq!(g.week_hashes(), current.week_hashes.as_slice());

    // Or start again: the briefing of the same scenario, and the old save still kept.
    let (d, mut st) = save_folder("save_model0.json");
    st.apply(Ui::RestartSavedScenario);
    assert_eq!(st.screen, Screen::Briefing, "{:?}", st.message);
    assert!(d.join("autosave.model-0.json").exists());
    st.apply(Ui::BeginPlaying);
    assert_eq!(st.game.as_ref().map(Game::week), Some(1));
}

#[test]
fn a_log_never_makes_orgcraft_read_a_file_beside_another_path() {
    // The log names a scenario outside its folder; a file of that name sits there, but only
    // the log's own folder is looked in.
    let root = std::env::temp_dir().join(format!("orgcraft-upgrade-path-{}", std::process::id()));
    let inner = root.join("logs");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&inner).expect("dirs");
    std::fs::copy(
        common::scenarios_dir().join("pmo_gantt.ron"),
        root.join("pmo_gantt.ron"),
    )
    .expect("copy");
    let mut lg = read_log("log_current.json");
    lg.scenario_file = "../pmo_gantt.ron".into();
    lg.write(&inner.join("game.json")).expect("write");
    let out = orgcraft(&["replay", &inner.join("game.json").display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("is not next to the log"),
        "{}",
        text(&out)
    );
    let mut lg = read_log("log_current.json");
    lg.scenario_file = "/etc/passwd".into();
    lg.write(&inner.join("hostile.json")).expect("write");
    let out = orgcraft(&["replay", &inner.join("hostile.json").display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!text(&out).contains("root:"), "{}", text(&out));
    // With --scenario the trainer names the file.
    let out = orgcraft(&[
        "replay",
        &inner.join("game.json").display().to_string(),
        "--scenario",
        &root.join("pmo_gantt.ron").display().to_string(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
}
