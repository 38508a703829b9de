//! One small broken file per diagnostic kind: the exact line:column, field path and hint.

use orgcraft::headless;
use orgcraft::scenario::{self, Diagnostic, Severity};

/// A valid base scenario, one field per line so positions are easy to read in the tests.
const BASE: &str = r#"Scenario(
    id: "diag",
    title: "Diagnostics",
    lesson: "Files point at their mistakes.",
    weeks: 12,
    products: [
        (id: "app", segment: Smb, users: 12750, signups_base: 500, activation: 0.30),
    ],
    teams: [
        (id: "core", members: [
            (name: "Ana"),
            (name: "Bo"),
        ]),
        (id: "plat", kind: Platform, members: [
            (name: "Cy"),
        ]),
    ],
    initiatives: [
        (id: "onboarding", team: "core", size: 10.0),
    ],
    stakeholders: [
        (id: "ceo", role: Ceo, power: 0.8, waterfall: 0.5,
         trust: (ability: 55, benevolence: 55, integrity: 60),
         goals: { Activation: 1.0 }, demands: [StatusReport]),
    ],
    objectives: [ (metric: Activation, target: 0.32) ],
)
"#;

fn errors_of(src: &str) -> Vec<Diagnostic> {
    match scenario::parse("t.ron", src.as_bytes()) {
        Ok(sc) => panic!(
            "expected errors, got a valid scenario with {:?}",
            sc.warnings
        ),
        Err(d) => d,
    }
}

fn warnings_of(src: &str) -> Vec<Diagnostic> {
    let sc = scenario::parse("t.ron", src.as_bytes())
        .unwrap_or_else(|d| panic!("expected a valid file: {d:#?}"));
    let mut w = sc.warnings.clone();
    w.extend(headless::lint(&sc));
    w
}

/// The one diagnostic at `path` (panics with the whole list otherwise).
fn at<'a>(d: &'a [Diagnostic], path: &str) -> &'a Diagnostic {
    d.iter()
        .find(|x| x.path == path)
        .unwrap_or_else(|| panic!("no diagnostic at {path}: {d:#?}"))
}

fn hint(d: &Diagnostic) -> &str {
    d.hint.as_deref().unwrap_or("")
}

#[test]
fn base_is_valid_without_warnings() {
    assert!(warnings_of(BASE).is_empty(), "{:#?}", warnings_of(BASE));
}

#[test]
fn ron_syntax_error_points_at_the_token() {
    let src = BASE.replace(
        "        (id: \"onboarding\", team: \"core\", size: 10.0),",
        "        (id: \"onboarding\" team: \"core\", size: 10.0),",
    );
    let d = errors_of(&src);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!((d[0].line, d[0].col), (19, 27), "{d:#?}");
    assert_eq!(d[0].path, "initiatives[0].team");
    assert_eq!(d[0].severity, Severity::Error);
}

#[test]
fn unknown_field_suggests_the_nearest_name() {
    let src = BASE.replace("(name: \"Bo\")", "(name: \"Bo\", engagment: 60)");
    let d = errors_of(&src);
    let e = at(&d, "teams[0].members[1].engagment");
    assert_eq!((e.line, e.col), (12, 26));
    assert!(e.message.contains("unknown field `engagment`"), "{e}");
    assert_eq!(hint(e), "did you mean \"engagement\"?");
}

#[test]
fn missing_required_field_is_named() {
    let src = BASE.replace("    weeks: 12,\n", "");
    let d = errors_of(&src);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(
        d[0].message.contains("missing required field `weeks`"),
        "{}",
        d[0]
    );
    assert!(hint(&d[0]).contains("weeks: ..."), "{}", d[0]);
}

#[test]
fn wrong_type_says_what_was_expected() {
    let src = BASE.replace("    weeks: 12,", "    weeks: \"twelve\",");
    let d = errors_of(&src);
    let e = at(&d, "weeks");
    assert_eq!((e.line, e.col), (5, 12));
    assert_eq!(e.message, "expected a whole number");
    assert!(hint(e).contains("without quotes"), "{e}");
}

#[test]
fn a_broken_length_is_one_error_not_one_per_dated_entry() {
    // pmo_gantt dates five scripted events and its plans' steps: with `weeks` unreadable (or
    // 0), each was reported as "outside the scenario (1..=0)" besides the real error.
    let good = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/pmo_gantt.ron"),
    )
    .expect("read");
    for broken in ["weeks: \"twenty\"", "weeks: 0"] {
        let src = good.replacen("weeks: 20", broken, 1);
        assert_ne!(src, good, "pmo_gantt's length changed shape");
        let d = errors_of(&src);
        assert_eq!(d.len(), 1, "{broken}: {d:#?}");
        assert_eq!(d[0].path, "weeks", "{broken}: {}", d[0]);
    }
}

#[test]
fn out_of_range_states_the_range() {
    let src = BASE.replace("power: 0.8", "power: 1.8");
    let d = errors_of(&src);
    let e = at(&d, "stakeholders[0].power");
    assert_eq!((e.line, e.col), (22, 32));
    assert_eq!(e.message, "value 1.8 is out of range 0..=1");
}

#[test]
fn unknown_references_name_the_nearest_id() {
    let src = BASE
        .replace("team: \"core\", size", "team: \"cor\", size")
        .replace(
            "    objectives: [ (metric: Activation, target: 0.32) ],",
            "    objectives: [ (metric: Activation, product: \"ap\", target: 0.32) ],\n    \
             scripted_events: [\n        (week: 2, event: Resignation(person: \"Anna\")),\n        \
             (week: 3, event: Demand(from: \"cfo\", kind: StatusReport, team: \"core\")),\n    ],",
        );
    let d = errors_of(&src);
    let team = at(&d, "initiatives[0].team");
    assert_eq!((team.line, team.col), (19, 28));
    assert_eq!(team.message, "unknown team \"cor\"");
    assert_eq!(hint(team), "did you mean \"core\"?");
    let product = at(&d, "objectives[0].product");
    assert_eq!(hint(product), "did you mean \"app\"?");
    let person = at(&d, "scripted_events[0].event.person");
    assert_eq!(person.message, "unknown person \"Anna\"");
    assert_eq!(hint(person), "did you mean \"Ana\"?");
    let from = at(&d, "scripted_events[1].event.from");
    assert_eq!(from.message, "unknown stakeholder \"cfo\"");
    assert_eq!(hint(from), "did you mean \"ceo\"?");
}

#[test]
fn duplicate_ids_are_errors() {
    let src = BASE.replace("(id: \"plat\", kind", "(id: \"core\", kind");
    let d = errors_of(&src);
    let e = at(&d, "teams[1].id");
    assert_eq!((e.line, e.col), (14, 10));
    assert_eq!(e.message, "duplicate id \"core\"");
    assert!(hint(e).contains("unique"));
}

#[test]
fn dependency_cycles_are_errors() {
    let src = BASE.replace(
        "        (id: \"onboarding\", team: \"core\", size: 10.0),",
        "        (id: \"onboarding\", team: \"core\", size: 10.0, deps: [(provider: \"plat\", work: 2.0)]),\n        \
         (id: \"infra\", team: \"plat\", size: 8.0, deps: [(provider: \"core\", work: 1.0)]),",
    );
    let d = errors_of(&src);
    assert_eq!(d.len(), 1, "{d:#?}");
    let e = at(&d, "initiatives[1].deps[0].provider");
    assert_eq!(e.message, "dependency cycle: core → plat → core");
    assert_eq!(e.line, 20);
    assert!(hint(e).contains("one way"));
}

#[test]
fn weeks_beyond_the_scenario_are_errors() {
    let src = BASE
        .replace("size: 10.0)", "size: 10.0, deadline_week: 13)")
        .replace(
            "    objectives:",
            "    scripted_events: [ (week: 20, event: BudgetCut(fraction: 0.1)) ],\n    objectives:",
        );
    let d = errors_of(&src);
    assert_eq!(
        at(&d, "initiatives[0].deadline_week").message,
        "week 13 is outside the scenario (1..=12)"
    );
    let e = at(&d, "scripted_events[0].week");
    assert_eq!(e.message, "week 20 is outside the scenario (1..=12)");
    assert_eq!(e.line, 26);
}

#[test]
fn unknown_metric_suggests_a_known_one() {
    let src = BASE.replace("(metric: Activation, target", "(metric: Activaton, target");
    let d = errors_of(&src);
    let e = at(&d, "objectives[0].metric");
    assert_eq!(e.message, "unknown value `Activaton`");
    assert_eq!(hint(e), "did you mean \"Activation\"?");
}

#[test]
fn limits_are_stated() {
    let d = errors_of(&BASE.replace("weeks: 12", "weeks: 500"));
    assert_eq!(at(&d, "weeks").message, "value 500 is out of range 1..=104");
    let team = "        (id: \"tX\", members: [(name: \"NX\")]),\n";
    let many: String = (0..51).map(|i| team.replace('X', &i.to_string())).collect();
    let d = errors_of(&BASE.replace("    teams: [\n", &format!("    teams: [\n{many}")));
    let e = at(&d, "teams");
    assert_eq!(e.message, "53 entries; the limit is 50");
    let crowd: String = (0..2000).map(|i| format!("(name: \"Q{i}\"), ")).collect();
    let d = errors_of(&BASE.replace("(name: \"Cy\"),", &format!("(name: \"Cy\"), {crowd}")));
    assert_eq!(
        at(&d, "teams").message,
        "2003 people in all teams; the limit is 2000"
    );
    let big = format!("{BASE}//{}", "x".repeat(1024 * 1024));
    let d = errors_of(&big);
    assert!(
        d[0].message.contains("larger than 1048576 bytes"),
        "{}",
        d[0]
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let src = BASE
        .replace("    weeks: 12,", "    weeks: 12,\n    dificulty: 3,")
        .replace("(name: \"Ana\")", "(name: \"Ana\", level: \"senior\")")
        .replace("kind: Platform", "kind: Platfrom")
        .replace("power: 0.8", "power: 1.8")
        .replace("team: \"core\", size", "team: \"cor\", size");
    let d = errors_of(&src);
    let paths: Vec<&str> = d.iter().map(|x| x.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "dificulty",
            "teams[0].members[0].level",
            "teams[1].kind",
            "initiatives[0].team",
            "stakeholders[0].power",
        ],
        "{d:#?}"
    );
    // The patched `level` is not reported a second time as out of range.
    assert_eq!(d.len(), 5);
}

#[test]
fn warnings_for_likely_mistakes() {
    let ten: String = (0..10).map(|i| format!("(name: \"W{i}\"), ")).collect();
    let src = BASE
        .replace(
            "            (name: \"Cy\"),",
            &format!("            (name: \"Cy\"), {ten}"),
        )
        .replace(
            "    ],\n    objectives:",
            "        (id: \"cfo\", role: Cfo, power: 0.5, waterfall: 0.5,\n         \
             trust: (ability: 50, benevolence: 50, integrity: 50)),\n    ],\n    \
             scripted_events: [\n        (week: 2, event: Resignation(person: \"Bo\")),\n        \
             (week: 5, event: Resignation(person: \"Bo\")),\n        \
             (week: 6, event: BudgetCut(fraction: 0.0)),\n    ],\n    objectives:",
        )
        .replace(
            "(metric: Activation, target: 0.32)",
            "(metric: Activation, baseline: 0.2, target: 0.25)",
        );
    let w = warnings_of(&src);
    assert!(w.iter().all(|x| x.severity == Severity::Warning));
    let team = at(&w, "teams[1].members");
    assert_eq!(team.message, "11 people; Team Topologies recommends 5–9");
    let sh = at(&w, "stakeholders[1]");
    assert_eq!(sh.message, "stakeholder has no demands and no goals");
    assert_eq!(sh.line, 25);
    let again = at(&w, "scripted_events[1].event");
    assert!(
        again.message.contains("already resigns in week 2"),
        "{again}"
    );
    let zero = at(&w, "scripted_events[2].event");
    assert!(zero.message.contains("can never have an effect"), "{zero}");
    let met = at(&w, "objectives[0]");
    assert!(met.message.contains("already met at week 0"), "{met}");
    assert!(hint(met).contains("drop `baseline`"));
}

#[test]
fn plan_problems_point_into_the_plan() {
    let src = BASE.replace(
        "    objectives: [ (metric: Activation, target: 0.32) ],",
        "    objectives: [ (metric: Activation, target: 0.32) ],\n    plans: [\n        \
         (name: \"good\", policy: \"servnat\", steps: [\n            \
         (week: 2, action: OneOnOne(person: \"Anna\")),\n            \
         (week: 40, action: VisionSession),\n            \
         (week: 3, action: OneOnOnes(person: \"Ana\")),\n        \
         ], expect: (combined: (80, 20))),\n    ],",
    );
    let d = errors_of(&src);
    let policy = at(&d, "plans[0].policy");
    assert_eq!(hint(policy), "did you mean \"servant\"?");
    let person = at(&d, "plans[0].steps[0].action");
    assert_eq!((person.line, person.col), (29, 49), "{person}");
    assert_eq!(person.message, "unknown person \"Anna\"");
    assert_eq!(hint(person), "did you mean \"Ana\"?");
    assert_eq!(
        at(&d, "plans[0].steps[1].week").message,
        "week 40 is outside the scenario (1..=12)"
    );
    let variant = at(&d, "plans[0].steps[2].action");
    assert_eq!(variant.line, 31);
    assert_eq!(variant.message, "unknown value `OneOnOnes`");
    assert_eq!(hint(variant), "did you mean \"OneOnOne\"?");
    assert!(
        at(&d, "plans[0].expect.combined")
            .message
            .contains("not a range")
    );
}

#[test]
fn display_format_is_file_line_col_severity_path_message_hint() {
    let d = errors_of(&BASE.replace("power: 0.8", "power: 1.8"));
    assert_eq!(
        d[0].to_string(),
        "t.ron:22:32: error: stakeholders[0].power: value 1.8 is out of range 0..=1"
    );
}

#[test]
fn negative_whole_numbers_and_quoted_choices_get_plain_messages() {
    let d = errors_of(&BASE.replace("weeks: 12", "weeks: -3"));
    let e = at(&d, "weeks");
    assert_eq!(e.message, "whole number out of range for this field");
    assert!(hint(e).contains("no minus sign"), "{e}");
    let d = errors_of(&BASE.replace("segment: Smb", "segment: \"Smb\""));
    let e = at(&d, "products[0].segment");
    assert_eq!(e.message, "expected a name without quotes");
    assert!(hint(e).contains("without quotes"), "{e}");
}

#[test]
fn a_decimal_in_a_whole_number_field_is_named_and_the_pass_goes_on() {
    let src = BASE
        .replace("weeks: 12", "weeks: 12.0")
        .replace("power: 0.8", "power: 1.8");
    let d = errors_of(&src);
    let e = at(&d, "weeks");
    assert_eq!((e.line, e.col), (5, 14));
    assert_eq!(e.message, "expected a whole number, found a decimal");
    assert!(hint(e).contains("12 instead of 12.0"), "{e}");
    // Parsing went on past the patched value: the later range error is reported too.
    assert_eq!(
        at(&d, "stakeholders[0].power").message,
        "value 1.8 is out of range 0..=1"
    );
}

#[test]
fn a_byte_order_mark_is_accepted_and_positions_stay_the_editors() {
    let with_bom = format!("\u{feff}{BASE}");
    assert!(scenario::parse("t.ron", with_bom.as_bytes()).is_ok());
    let typo = format!("\u{feff}{}", BASE.replace("weeks: 12", "wekes: 12"));
    let d = errors_of(&typo);
    let x = at(&d, "wekes");
    assert_eq!((x.line, x.col), (5, 5), "{x}");
}

#[test]
fn utf16_is_named_with_the_fix() {
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(BASE.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let d = scenario::parse("t.ron", &bytes).expect_err("UTF-16 is refused");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].message.contains("UTF-16 (little-endian)"), "{}", d[0]);
    assert!(hint(&d[0]).contains("save the file as UTF-8"), "{}", d[0]);
}

#[test]
fn a_missing_bracket_names_the_bracket_left_open_and_where_it_was_noticed() {
    // The `)` closing Bo's entry is missing (line 12).
    let src = BASE.replace("(name: \"Bo\"),", "(name: \"Bo\",");
    let d = errors_of(&src);
    assert_eq!(d.len(), 1, "{d:#?}");
    let x = &d[0];
    assert_eq!((x.line, x.col), (12, 13), "{x}");
    assert_eq!(x.path, "teams[0].members[1]");
    assert!(
        x.message
            .contains("the `(` opened at 12:13 is not closed (noticed at 13:9, where `]` appears)"),
        "{x}"
    );
    assert!(hint(x).contains("add the missing `)`"), "{x}");
    assert!(!x.message.contains("without quotes"), "{x}");
    // At the end of the file.
    let d = errors_of(BASE.trim_end().trim_end_matches(')'));
    assert!(
        d[0].message
            .contains("opened at 1:9 is not closed (noticed at the end of the file)"),
        "{}",
        d[0]
    );
}

#[test]
fn short_misspellings_mid_file_keep_the_pass_going() {
    let src = BASE
        .replace("(name: \"Ana\")", "(name: \"Ana\", role: Enginer)")
        .replace("(name: \"Bo\")", "(name: \"Bo\", role: Designr)")
        .replace("kind: Platform", "kind: Pltfrm")
        .replace("segment: Smb", "segment: Q")
        .replace("activation: 0.30),", "activation: \"high\"),")
        .replace("size: 10.0", "size: \"ten\"");
    let d = errors_of(&src);
    for (path, found) in [
        ("teams[0].members[0].role", "Enginer"),
        ("teams[0].members[1].role", "Designr"),
        ("teams[1].kind", "Pltfrm"),
        ("products[0].segment", "Q"),
    ] {
        let x = at(&d, path);
        assert!(
            x.message.contains(&format!("unknown value `{found}`")),
            "{x}"
        );
    }
    assert!(hint(at(&d, "teams[0].members[0].role")).contains("Engineer"));
    assert_eq!(at(&d, "teams[1].kind").col, 28, "{d:#?}");
    // `Q` was patched to a longer choice; the error after it on the same line is still where
    // the trainer's file has it.
    let activation = at(&d, "products[0].activation");
    let line7 = src.lines().nth(6).expect("line 7");
    let col = line7.find("\"high\"").expect("the bad value") + 1;
    assert_eq!((activation.line, activation.col), (7, col), "{activation}");
    let size = at(&d, "initiatives[0].size");
    assert_eq!((size.line, size.col), (19, 48), "{size}");
}

#[test]
fn no_internal_names_raw_identifier_advice_or_long_numbers() {
    let cases = [
        (
            BASE.replace("(id: \"core\", members", "(members"),
            "missing required field `id` in this team",
        ),
        (
            BASE.replace("weeks: 12,", "weeks: 12, +tenure_weeks: 3,"),
            "`+tenure_weeks` is not a valid name",
        ),
        (
            BASE.replace("weeks: 12", "weeks: 1e3"),
            "expected a whole number",
        ),
        (
            BASE.replace("size: 10.0", &format!("size: 1{}.0", "0".repeat(308))),
            "value 1.000e308 is out of range",
        ),
    ];
    for (src, needle) in cases {
        let d = errors_of(&src);
        let text: Vec<String> = d.iter().map(ToString::to_string).collect();
        assert!(
            text.iter().any(|t| t.contains(needle)),
            "{needle}: {text:#?}"
        );
        for t in &text {
            assert!(!t.contains("Raw"), "internal name in {t}");
            assert!(!t.contains("r#"), "raw-identifier advice in {t}");
            assert!(t.len() < 400, "long diagnostic {t}");
        }
    }
}

#[test]
fn a_missing_top_level_field_is_reported_at_the_struct_that_lacks_it() {
    let d = errors_of(&BASE.replace("    weeks: 12,\n", ""));
    let x = at(&d, "");
    assert_eq!((x.line, x.col), (1, 9), "{x}");
    assert!(
        x.message
            .contains("missing required field `weeks` in this scenario"),
        "{x}"
    );
    // Inside a list element: the element's own path.
    let d = errors_of(&BASE.replace("(id: \"onboarding\", team", "(team"));
    let x = at(&d, "initiatives[0]");
    assert!(
        x.message
            .contains("missing required field `id` in this initiative"),
        "{x}"
    );
}

#[test]
fn implicit_some_files_get_the_right_paths() {
    let src = format!(
        "#![enable(implicit_some)]\n{}",
        BASE.replace("size: 10.0", "size: \"x\"")
    );
    let d = errors_of(&src);
    let x = at(&d, "initiatives[0].size");
    assert_eq!(x.line, 20, "{x}");
    assert!(d.iter().all(|x| !x.path.starts_with('[')), "{d:#?}");
}

#[test]
fn ids_with_control_characters_are_escaped_in_every_diagnostic() {
    let src = BASE.replace("team: \"core\"", "team: \"co\\nre\\u{1b}[31m\\u{202e}\"");
    let d = errors_of(&src);
    let x = d
        .iter()
        .find(|x| x.message.starts_with("unknown team"))
        .expect("unknown team");
    assert!(x.message.contains("co\\nre\\u{1b}[31m\\u{202e}"), "{x}");
    for x in &d {
        let shown = x.to_string();
        assert!(
            !shown.chars().any(scenario::input::is_unsafe_char),
            "raw control character in {shown:?}"
        );
    }
    assert!(
        d.iter()
            .any(|x| x.message.contains("invisible or control character"))
    );
}

/// BASE with one plan whose steps and expected events are `steps` and `events`.
fn with_plan(steps: &str, events: &str) -> String {
    BASE.replace(
        "    objectives: [ (metric: Activation, target: 0.32) ],",
        &format!(
            "    objectives: [ (metric: Activation, target: 0.32) ],\n    plans: [\n        \
             (name: \"p\", steps: [{steps}], expect: (events: [{events}])),\n    ],"
        ),
    )
}

#[test]
fn plan_steps_and_expected_events_get_plain_messages() {
    let d = errors_of(&with_plan(
        "(week: 1, action: VisionSession()), (week: 2, action: OneOnOne(person: Ana))",
        "\"shipped Ana\", \"contractor\", \"budget request approved\", \"resigned Anna\"",
    ));
    let m = |path: &str| at(&d, path).to_string();
    assert!(m("plans[0].steps[0].action").contains("unexpected text after the action"));
    assert!(m("plans[0].steps[1].action").contains("written in double quotes"));
    assert!(
        m("plans[0].expect.events[0]")
            .contains("`Ana` is a person, but a \"shipped\" line names an initiative or a team")
    );
    assert!(m("plans[0].expect.events[1]").contains("did you mean \"hired contractor\"?"));
    assert!(m("plans[0].expect.events[2]").contains("did you mean \"budget approved\"?"));
    assert!(m("plans[0].expect.events[3]").contains("did you mean \"Ana\"?"));
    // Valid ones resolve: a person for "resigned", the team for "shipped", a demand kind.
    let src = with_plan(
        "",
        "\"resigned Ana\", \"shipped core\", \"demand StatusReport\", \"hiring freeze\"",
    );
    let sc = scenario::parse("t.ron", src.as_bytes()).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(sc.plans[0].events.len(), 4);
}

#[test]
fn a_quote_left_out_points_at_the_text_that_runs_past_its_line() {
    let d = errors_of(&BASE.replace("title: \"Diagnostics\",", "title: \"Diagnostics,"));
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!((d[0].line, d[0].col), (3, 12), "{}", d[0]);
    assert_eq!(d[0].path, "title");
    assert!(d[0].message.contains("never closed"), "{}", d[0]);
}

#[test]
fn score_weights_that_do_not_sum_to_one_are_refused_with_the_defaults() {
    let src = BASE.replace(
        "    weeks: 12,",
        "    weeks: 12,\n    params: (w_outcomes: 0.6, w_trust: 0.05),",
    );
    let errs = errors_of(&src);
    let d = at(&errs, "params");
    assert!(d.message.contains("product weights"), "{}", d.message);
    assert!(d.message.contains("sum to 1.150"), "{}", d.message);
    assert!(hint(d).contains("w_outcomes: 0.35"), "{}", hint(d));
    // Culture's weights are untouched, so only one score is reported.
    assert_eq!(errs.iter().filter(|e| e.path == "params").count(), 1);
    // Weights that still sum to 1 are fine.
    let fine = BASE.replace(
        "    weeks: 12,",
        "    weeks: 12,\n    params: (w_outcomes: 0.45, w_trust: 0.05),",
    );
    assert!(scenario::parse("t.ron", fine.as_bytes()).is_ok());
}

#[test]
fn a_stakeholders_demand_text_is_checked_where_it_is_written() {
    let with = |says: &str| {
        BASE.replace(
            "demands: [StatusReport]),",
            &format!("demands: [StatusReport], says: {{ {says} }}),"),
        )
    };
    // A placeholder the game cannot fill in is named, with the two it can.
    let d = errors_of(&with(r#"StatusReport: "Report on {teem} by {due}.""#));
    let e = at(&d, "stakeholders[0].says.StatusReport");
    assert!(e.message.contains("{teem}"), "{e}");
    assert!(
        hint(e).contains("{team}") && hint(e).contains("{due}"),
        "{e}"
    );
    // Empty, too long and unclosed texts are errors too.
    for bad in [
        r#"StatusReport: "  ""#.to_string(),
        format!(r#"StatusReport: "{}""#, "a".repeat(241)),
        r#"StatusReport: "Report on {team""#.to_string(),
    ] {
        let d = errors_of(&with(&bad));
        at(&d, "stakeholders[0].says.StatusReport");
    }
    // A text for a kind they never make is never shown: a warning.
    let d = warnings_of(&with(r#"FixedPlan: "A plan for {team}, please.""#));
    let w = at(&d, "stakeholders[0].says.FixedPlan");
    assert!(w.message.contains("never"), "{w}");
    // A good text is quiet.
    assert!(
        warnings_of(&with(
            r#"StatusReport: "Where is {team}? A status report by week {due}, please.""#
        ))
        .is_empty()
    );
}
