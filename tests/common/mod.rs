//! The one place that knows the test plumbing: loading scenarios, building worlds, running bots.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use orgcraft::headless::{self, Policy, Sim};
use orgcraft::scenario::{self, Scenario};

pub fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// Every shipped scenario file (`scenarios/*.ron`, the template excluded).
pub fn shipped() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(scenarios_dir())
        .expect("scenarios dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "ron")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("template"))
        })
        .collect();
    v.sort();
    v
}

/// The template trainers copy (`scenarios/template.ron`): valid, but not a shipped scenario.
pub fn template() -> PathBuf {
    scenarios_dir().join("template.ron")
}

/// Every shipped scenario, then the template.
pub fn shipped_and_template() -> Vec<PathBuf> {
    let mut v = shipped();
    v.push(template());
    v
}

pub fn load(name: &str) -> Scenario {
    let p = scenarios_dir().join(name);
    scenario::load(&p).unwrap_or_else(|d| panic!("{} failed to load: {d:?}", p.display()))
}

/// Parses RON text written inside a test.
pub fn parse(src: &str) -> Scenario {
    scenario::parse("test.ron", src.as_bytes())
        .unwrap_or_else(|d| panic!("test scenario invalid: {:#?}", d))
}

pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        0.5 * (v[n / 2 - 1] + v[n / 2])
    }
}

/// Final combined score of one headless run.
pub fn combined(sc: &Scenario, policy: &str, seed: u64) -> f64 {
    let mut bot = headless::policy_by_name(policy).expect("policy");
    headless::run(sc, policy, bot.as_mut(), seed, None).combined
}

/// Plays `weeks` weeks with a closure deciding actions each week.
pub fn play(sim: &mut Sim, weeks: u32, mut decide: impl FnMut(&mut Sim)) {
    for _ in 0..weeks {
        decide(sim);
        sim.step();
    }
}

/// A policy made from a closure (for scripted anchor tests).
pub struct Scripted<F: FnMut(&bevy::prelude::World) -> Vec<orgcraft::sim::Action>>(pub F);

impl<F: FnMut(&bevy::prelude::World) -> Vec<orgcraft::sim::Action>> Policy for Scripted<F> {
    fn decide(&mut self, world: &bevy::prelude::World) -> Vec<orgcraft::sim::Action> {
        (self.0)(world)
    }
}

/// One-team scenario text for anchor tests; `extra` is spliced into the team, `items` are initiatives.
pub fn one_team(weeks: u32, team_extra: &str, members: usize, items: &str, params: &str) -> String {
    let mut people = String::new();
    for i in 0..members {
        people.push_str(&format!(
            "(name: \"P{i}\", role: Engineer, level: 3, tenure_weeks: 150, engagement: 55.0, exhaustion: 20.0),\n"
        ));
    }
    format!(
        r#"Scenario(
    id: "test", title: "Test", lesson: "test", weeks: {weeks}, seed: 1,
    params: ({params}),
    products: [(id: "p", segment: Smb, users: 67970.0, signups_base: 2500.0, activation: 0.32, monthly_churn: 0.05)],
    teams: [(id: "t", {team_extra} members: [{people}])],
    initiatives: [{items}],
)"#
    )
}

/// Runs `passes` egui frames of the interface for `st` on a fresh context, on a 1280 × `height`
/// screen, with `events` in every frame after the first (egui sizes modals and areas in the
/// first), and returns the last frame's commands and shapes. No GPU: the font texture's upload
/// is dropped on purpose.
#[cfg(feature = "gui")]
pub fn frames(
    st: &orgcraft::gui::state::GuiState,
    events: &[bevy_egui::egui::Event],
    height: f32,
    passes: usize,
) -> (
    Vec<orgcraft::gui::state::Command>,
    Vec<bevy_egui::egui::epaint::ClippedShape>,
) {
    use bevy_egui::egui;
    let ctx = egui::Context::default();
    let mut last = (Vec::new(), Vec::new());
    for pass in 0..passes.max(1) {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, height),
            )),
            events: if pass > 0 {
                events.to_vec()
            } else {
                Vec::new()
            },
            ..Default::default()
        };
        let mut cmds = Vec::new();
        let mut out = ctx.run_ui(input, |root| cmds = orgcraft::gui::ui::draw(root, st));
        out.textures_delta.clear();
        last = (cmds, out.shapes);
    }
    last
}

/// Every text the interface draws for `st` in one egui frame, one per line, for tests that read
/// a screen as a player would.
#[cfg(feature = "gui")]
pub fn drawn_text(st: &orgcraft::gui::state::GuiState) -> String {
    let mut texts = String::new();
    for s in &frames(st, &[], 800.0, 2).1 {
        collect_text(&s.shape, &mut texts);
    }
    texts
}

/// Every text in `shapes` with the part of it that shows (its rectangle within its clip
/// rectangle; texts scrolled out of sight are left out), in drawing order.
#[cfg(feature = "gui")]
pub fn placed_texts(
    shapes: &[bevy_egui::egui::epaint::ClippedShape],
) -> Vec<(String, bevy_egui::egui::Rect)> {
    use bevy_egui::egui::{Rect, Shape};
    fn walk(shape: &Shape, clip: Rect, out: &mut Vec<(String, Rect)>) {
        match shape {
            Shape::Text(t) => {
                let shown = t.galley.rect.translate(t.pos.to_vec2()).intersect(clip);
                if shown.is_positive() {
                    out.push((t.galley.text().to_string(), shown));
                }
            }
            Shape::Vec(v) => v.iter().for_each(|s| walk(s, clip, out)),
            _ => {}
        }
    }
    let mut placed = Vec::new();
    for s in shapes {
        walk(&s.shape, s.clip_rect, &mut placed);
    }
    placed
}

/// Appends every text `shape` draws, one per line.
#[cfg(feature = "gui")]
pub fn collect_text(shape: &bevy_egui::egui::Shape, out: &mut String) {
    use bevy_egui::egui::Shape;
    match shape {
        Shape::Text(t) => {
            out.push_str(t.galley.text());
            out.push('\n');
        }
        Shape::Vec(v) => v.iter().for_each(|s| collect_text(s, out)),
        _ => {}
    }
}

/// Words that are code, not English, wherever a player or facilitator reads (issue 13): enum
/// identifiers, raw keys, odds written as numbers, the design brief's loop codes. Returns one
/// line per problem, naming the word and the line it is in. `allowed` lists tokens the text may
/// hold verbatim (a scenario's file name, say).
#[allow(dead_code)]
pub fn code_words(text: &str, allowed: &[&str]) -> Vec<String> {
    // Short identifiers that look like words but are enum names (role and stakeholder
    // abbreviations, segment and metric names).
    const SHORT: &[&str] = &[
        "Pm", "Em", "Qa", "Ceo", "Cfo", "Pmo", "Smb", "Nps", "Pmf", "wgi", "R1", "R2", "R3", "R4",
        "R5", "R6", "R7", "R8", "B1", "B2", "B3",
    ];
    // Numbers as odds or intensities.
    const ODDS: &[&str] = &["(p =", "p = 0", "P(hit", "intensity ", "P(", "(p="];
    let mut out = Vec::new();
    for line in text.lines() {
        for word in line.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            if word.is_empty() || allowed.contains(&word) {
                continue;
            }
            let chars: Vec<char> = word.chars().collect();
            // CamelCase: an upper-case letter after a lower-case one ("FixedPlan", "XaaS").
            let camel = chars
                .windows(2)
                .any(|p| p[0].is_lowercase() && p[1].is_uppercase());
            let snake = word.contains('_') && word.chars().any(char::is_alphabetic);
            if camel || snake || SHORT.contains(&word) {
                out.push(format!("{word}: {line}"));
            }
        }
        for odds in ODDS {
            if line.contains(odds) {
                out.push(format!("{odds}: {line}"));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}
