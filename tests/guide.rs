//! The guided first game (issue 13, item 7), without a GPU: the picker lists it first, and
//! its hints walk a newcomer through the org map, the details panel, End week, the summary,
//! the inbox, the tabs and the debrief in two weeks, each hint beside what it points at and
//! never on top of it. Other scenarios show no hints, and the player can hide them.
#![cfg(feature = "gui")]

mod common;

use bevy_egui::egui;
use orgcraft::gui::catalog::Selection;
use orgcraft::gui::guide::Step;
use orgcraft::gui::save::SaveStore;
use orgcraft::gui::state::{Command, GuiState, Overlay, Screen, Tab};
use orgcraft::gui::ui::{self, guide::Placed};
use orgcraft::sim::{self, Action, Org, Person, Response};

fn state(name: &str) -> GuiState {
    let d = std::env::temp_dir().join(format!("orgcraft-guide-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    GuiState::new(&[(common::scenarios_dir(), "shipped")], SaveStore::new(d))
}

/// What a frame drew: the hint's placement, every text with where it is, the commands.
struct Shown {
    placed: Option<Placed>,
    texts: Vec<(String, egui::Rect)>,
    cmds: Vec<Command>,
}

impl Shown {
    fn text(&self) -> String {
        self.texts
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
    fn step(&self) -> Option<Step> {
        self.placed.map(|p| p.step)
    }
}

/// Runs three frames (egui sizes areas and modals first; the card is placed by its size) and
/// returns the last, with `events` given to it.
fn show(ctx: &egui::Context, st: &GuiState, events: Vec<egui::Event>) -> Shown {
    let mut last = None;
    for pass in 0..3 {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            events: if pass == 2 {
                events.clone()
            } else {
                Vec::new()
            },
            ..Default::default()
        };
        let mut cmds = Vec::new();
        let mut out = ctx.run_ui(input, |root| cmds = ui::draw(root, st));
        out.textures_delta.clear();
        let mut texts = Vec::new();
        fn walk(s: &egui::Shape, out: &mut Vec<(String, egui::Rect)>) {
            match s {
                egui::Shape::Text(t) => {
                    out.push((t.galley.text().to_string(), t.visual_bounding_rect()))
                }
                egui::Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
                _ => {}
            }
        }
        for s in &out.shapes {
            walk(&s.shape, &mut texts);
        }
        last = Some(Shown {
            placed: ui::guide::placed(ctx),
            texts,
            cmds,
        });
    }
    last.expect("frames")
}

/// A click at `p` (press and release in one frame).
fn click(p: egui::Pos2) -> Vec<egui::Event> {
    let button = |pressed| egui::Event::PointerButton {
        pos: p,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    vec![egui::Event::PointerMoved(p), button(true), button(false)]
}

/// The hint stands beside its target, with room between them: it does not cover what it
/// points at.
fn beside(p: &Placed) {
    let t = p.target.expect("the hint points at something");
    assert!(
        !p.card.intersects(t),
        "{:?}: the hint {:?} covers its target {:?}",
        p.step,
        p.card,
        t
    );
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    assert!(
        screen.contains_rect(p.card),
        "{:?}: the hint {:?} is off screen",
        p.step,
        p.card
    );
}

#[test]
fn the_guided_scenario_is_listed_first_and_marked() {
    let st = state("picker");
    let first = st.catalog.first().expect("scenarios");
    assert!(first.guided, "first entry: {}", first.path.display());
    assert!(first.path.ends_with("first_two_weeks.ron"));
    assert_eq!(st.catalog.iter().filter(|e| e.guided).count(), 1);
    // The rest keep their file-name order.
    let rest: Vec<_> = st.catalog[1..].iter().map(|e| e.path.clone()).collect();
    let mut sorted = rest.clone();
    sorted.sort();
    assert_eq!(rest, sorted);
    let mut st = st;
    st.apply(Command::NewGame);
    let ctx = egui::Context::default();
    let text = show(&ctx, &st, Vec::new()).text();
    assert!(text.contains("Your First Two Weeks (guided)"), "{text}");
    assert!(text.contains("New here? Start with this one"), "{text}");
}

#[test]
fn the_hints_walk_a_newcomer_through_two_weeks() {
    let mut st = state("walk");
    st.apply(Command::Pick(0));
    assert_eq!(st.screen, Screen::Briefing);
    st.apply(Command::BeginPlaying);
    assert_eq!(st.screen, Screen::Playing);
    let ctx = egui::Context::default();

    // Week 1: the map first. The map is too big to stand beside, so the hint sits inside it.
    let s = show(&ctx, &st, Vec::new());
    let p = s.placed.expect("a hint on the first screen");
    assert_eq!(p.step, Step::Map);
    assert!(s.text().contains("This is the org map"), "{}", s.text());
    let map = p.target.expect("points at the map");
    assert!(map.contains_rect(p.card), "inside the map: {p:?}");

    // Selecting Chen: the hint moves to the details panel and names him.
    let chen = {
        let w = st.game.as_ref().expect("game").world();
        w.resource::<sim::Index>()
            .people
            .values()
            .filter_map(|e| w.get::<Person>(*e))
            .find(|p| p.name == "Chen")
            .map(|p| p.id)
            .expect("Chen")
    };
    st.apply(Command::Select(Selection::Person(chen)));
    let s = show(&ctx, &st, Vec::new());
    let p = s.placed.expect("hint");
    assert_eq!(p.step, Step::Details);
    assert!(
        s.text().contains("shows Chen and every action"),
        "{}",
        s.text()
    );
    beside(&p);
    assert!(
        p.card.right() <= p.target.unwrap().left(),
        "left of the panel: {p:?}"
    );

    // A 1:1 queued: End week.
    st.apply(Command::Queue(Action::OneOnOne { person: chen }));
    let s = show(&ctx, &st, Vec::new());
    let p = s.placed.expect("hint");
    assert_eq!(p.step, Step::EndWeek);
    beside(&p);
    assert!(
        s.texts
            .iter()
            .any(|(t, r)| t.starts_with("End week 1") && p.target.unwrap().contains_rect(*r)),
        "the hint points at the End week button"
    );

    // The confirmation explains itself; the summary gets a hint.
    st.apply(Command::AskEndWeek);
    assert_eq!(show(&ctx, &st, Vec::new()).step(), None);
    st.apply(Command::ConfirmEndWeek);
    assert_eq!(st.overlay, Overlay::WeekSummary);
    let s = show(&ctx, &st, Vec::new());
    let p = s.placed.expect("hint");
    assert_eq!(p.step, Step::Summary);
    assert!(s.text().contains("What if not?"), "{}", s.text());
    assert!(s.text().contains("Week 1 summary"));
    beside(&p);

    // Week 2: the demand scripted for week 1 waits in the inbox.
    st.apply(Command::CloseOverlay);
    let demand = {
        let w = st.game.as_ref().unwrap().world();
        let org = w.resource::<Org>();
        assert!(!org.demands.is_empty(), "Martin's demand arrived");
        org.demands[0].id
    };
    let s = show(&ctx, &st, Vec::new());
    let p = s.placed.expect("hint");
    assert_eq!(p.step, Step::Inbox);
    assert!(
        s.text().contains("Martin (Head of Sales) wants something"),
        "{}",
        s.text()
    );
    beside(&p);
    assert!(
        p.card.bottom() <= p.target.unwrap().top(),
        "above the inbox: {p:?}"
    );
    assert!(
        s.texts
            .iter()
            .any(|(t, r)| t.contains("fixed plan with dates for Bookings")
                && p.target.unwrap().intersects(*r)),
        "the inbox it points at holds Martin's demand in his words"
    );

    // Answered: the tabs, until the player says Next (a real click on the card's button).
    st.apply(Command::Respond(demand, Response::Shield));
    let s = show(&ctx, &st, Vec::new());
    let p = s.placed.expect("hint");
    assert_eq!(p.step, Step::Tabs);
    beside(&p);
    let next = s
        .texts
        .iter()
        .find(|(t, r)| t == "Next" && p.card.contains_rect(*r))
        .map(|(_, r)| r.center())
        .expect("a Next button on the card");
    let s = show(&ctx, &st, click(next));
    assert!(
        s.cmds.contains(&Command::GuideNext(Step::Tabs)),
        "{:?}",
        s.cmds
    );
    for c in s.cmds {
        st.apply(c);
    }
    let s = show(&ctx, &st, Vec::new());
    let p = s.placed.expect("hint");
    assert_eq!(p.step, Step::LastWeek);
    assert!(s.text().contains("This is the last week"), "{}", s.text());
    beside(&p);

    // The last week played: its summary says the debrief follows, then the debrief's hint.
    st.apply(Command::AskEndWeek);
    st.apply(Command::ConfirmEndWeek);
    let s = show(&ctx, &st, Vec::new());
    assert_eq!(s.step(), Some(Step::Summary));
    assert!(s.text().contains("to see the debrief"), "{}", s.text());
    st.apply(Command::CloseOverlay);
    assert_eq!(st.screen, Screen::Debrief);
    let s = show(&ctx, &st, Vec::new());
    let p = s.placed.expect("hint");
    assert_eq!(p.step, Step::Debrief);
    assert!(p.target.is_none());
    st.apply(Command::GuideNext(Step::Debrief));
    assert_eq!(show(&ctx, &st, Vec::new()).step(), None, "the tour is over");
}

#[test]
fn hints_can_be_hidden_and_only_guided_scenarios_have_them() {
    let mut st = state("hide");
    st.apply(Command::Pick(0));
    st.apply(Command::BeginPlaying);
    let ctx = egui::Context::default();
    let s = show(&ctx, &st, Vec::new());
    assert_eq!(s.step(), Some(Step::Map));
    // The card's own button hides them, and the top bar's brings them back.
    let hide = s
        .texts
        .iter()
        .find(|(t, r)| t == "Hide hints" && s.placed.unwrap().card.contains_rect(*r))
        .map(|(_, r)| r.center())
        .expect("a Hide hints button on the card");
    let s = show(&ctx, &st, click(hide));
    assert!(s.cmds.contains(&Command::ToggleHints), "{:?}", s.cmds);
    st.apply(Command::ToggleHints);
    let s = show(&ctx, &st, Vec::new());
    assert_eq!(s.step(), None);
    assert!(
        s.text().contains("Show hints"),
        "the top bar offers them again"
    );
    st.apply(Command::ToggleHints);
    assert_eq!(show(&ctx, &st, Vec::new()).step(), Some(Step::Map));

    // A scenario that is not guided shows none, on any tab.
    let mut st = state("plain");
    st.open_file(&common::scenarios_dir().join("brilliant_jerk.ron"), false)
        .expect("opens");
    st.apply(Command::BeginPlaying);
    for tab in Tab::ALL {
        st.apply(Command::Tab(tab));
        let s = show(&ctx, &st, Vec::new());
        assert_eq!(s.step(), None, "{tab:?}");
        assert!(!s.text().contains("Guide:"));
    }
}
