//! People who react differently (issue 13, "people, not rows"): traits written in the scenario
//! change what crunch and recognition do to a person, measured as a player meets them (same
//! scenario, same seed, same decisions, only the trait differs); an axis left out is neutral,
//! or drawn from the seed when the scenario asks, the same for the same seed; contradictory
//! traits are an error naming the field.

mod common;

use orgcraft::headless::Sim;
use orgcraft::model::eq::OvertimePolicy;
use orgcraft::sim::{self, Action, Person, Temperament};

/// One team of four; the first person, P0, has `traits`.
fn team_with(traits: &str) -> String {
    common::one_team(12, "", 4, "", "").replacen(
        "(name: \"P0\", role: Engineer, level: 3, tenure_weeks: 150,",
        &format!("(name: \"P0\", role: Engineer, level: 3, tenure_weeks: 150, traits: [{traits}],"),
        1,
    )
}

fn p0(sim: &Sim) -> Person {
    let w = sim.world();
    w.resource::<sim::Index>()
        .people
        .values()
        .filter_map(|e| w.get::<Person>(*e))
        .find(|p| p.name == "P0")
        .expect("P0")
        .clone()
}

/// P0's engagement and exhaustion after 12 weeks of `decide`.
fn after(traits: &str, mut decide: impl FnMut(&mut Sim, orgcraft::model::PersonId)) -> (f64, f64) {
    let sc = common::parse(&team_with(traits));
    let mut sim = Sim::new(&sc, 7);
    let id = p0(&sim).id;
    common::play(&mut sim, 12, |s| decide(s, id));
    let p = p0(&sim);
    (p.engagement, p.exhaustion)
}

#[test]
fn recognition_lands_harder_with_someone_who_seeks_it() {
    let one_on_ones = |s: &mut Sim, id| {
        s.submit(Action::OneOnOne { person: id }).expect("1:1");
    };
    let (seek, _) = after("SeeksRecognition", one_on_ones);
    let (within, _) = after("SelfMotivated", one_on_ones);
    let (seek_alone, _) = after("SeeksRecognition", |_, _| {});
    let (within_alone, _) = after("SelfMotivated", |_, _| {});
    eprintln!(
        "weekly 1:1s: seeks {seek:.1}, self-motivated {within:.1}; none: {seek_alone:.1}, {within_alone:.1}"
    );
    // Weekly 1:1s lift the one who seeks recognition more; without them, they miss it more.
    assert!(seek - within > 1.0, "with 1:1s: {seek:.1} vs {within:.1}");
    assert!(
        seek_alone < within_alone,
        "without: {seek_alone:.1} vs {within_alone:.1}"
    );
}

#[test]
fn crunch_wears_down_the_sensitive_faster_and_sustainable_pace_spares_both() {
    let crunch = |s: &mut Sim, _| {
        let _ = s.submit(Action::SetOvertimePolicy {
            policy: OvertimePolicy::Crunch,
        });
    };
    let calm = |s: &mut Sim, _| {
        let _ = s.submit(Action::SetOvertimePolicy {
            policy: OvertimePolicy::SustainablePace,
        });
    };
    let (_, sensitive) = after("CrunchSensitive", crunch);
    let (_, resilient) = after("CrunchResilient", crunch);
    let (_, sensitive_calm) = after("CrunchSensitive", calm);
    let (_, resilient_calm) = after("CrunchResilient", calm);
    eprintln!(
        "crunch: sensitive {sensitive:.1}, resilient {resilient:.1}; sustainable: {sensitive_calm:.1}, {resilient_calm:.1}"
    );
    assert!(
        sensitive - resilient > 5.0,
        "under crunch: {sensitive:.1} vs {resilient:.1}"
    );
    assert!(
        (sensitive_calm - resilient_calm).abs() < (sensitive - resilient) / 3.0,
        "at a sustainable pace the trait matters little: {sensitive_calm:.1} vs {resilient_calm:.1}"
    );
}

fn temperaments(src: &str, seed: u64) -> Vec<Temperament> {
    let sim = Sim::new(&common::parse(src), seed);
    let w = sim.world();
    w.resource::<sim::Index>()
        .people
        .values()
        .map(|e| {
            *w.get::<Temperament>(*e)
                .expect("everyone has a temperament")
        })
        .collect()
}

#[test]
fn unwritten_traits_come_from_the_seed_and_written_ones_win() {
    // Drawing is the scenario's choice (`trait_drawn_share`, default 0: only written traits).
    let src = common::one_team(4, "", 9, "", "trait_drawn_share: 0.2");
    assert!(
        temperaments(&common::one_team(4, "", 9, "", ""), 1)
            .iter()
            .all(|t| *t == Temperament::NEUTRAL),
        "by default, unwritten means neutral"
    );
    let a = temperaments(&src, 1);
    assert_eq!(a, temperaments(&src, 1), "the same seed, the same people");
    assert_ne!(a, temperaments(&src, 2), "another seed, other people");
    assert!(
        a.iter().any(|t| *t != Temperament::NEUTRAL),
        "nine people drawn, all neutral: {a:?}"
    );
    let written = team_with("CrunchSensitive, SeeksRecognition, NeedsStability");
    let p = orgcraft::model::Params::default();
    for seed in 1..6 {
        let t = temperaments(&written, seed)[0];
        assert_eq!(
            (t.crunch, t.recognition, t.change),
            (
                p.trait_crunch_sensitive,
                p.trait_seeks_recognition,
                p.trait_needs_stability
            ),
            "seed {seed}"
        );
    }
}

#[test]
fn contradictory_traits_are_an_error_naming_the_field() {
    let src = team_with("CrunchResilient, CrunchSensitive");
    let err = orgcraft::scenario::parse("team.ron", src.as_bytes()).expect_err("contradiction");
    let d = err
        .iter()
        .find(|d| d.path == "teams[0].members[0].traits")
        .unwrap_or_else(|| panic!("no diagnostic at the traits: {err:?}"));
    assert!(d.message.contains("contradict"), "{d}");
    assert!(d.to_string().contains("seed decides"), "{d}");
}

/// Two teams of four, `t` and `u`; P0, in `t`, has `traits`.
fn two_teams_with(traits: &str) -> String {
    let others: String = (0..4)
        .map(|i| {
            format!(
                "(name: \"Q{i}\", role: Engineer, level: 3, tenure_weeks: 150, engagement: 55.0, exhaustion: 20.0),"
            )
        })
        .collect();
    let src = team_with(traits);
    let at = "])],\n    initiatives";
    assert!(src.contains(at), "the one-team text changed shape");
    src.replacen(
        at,
        &format!("]), (id: \"u\", members: [{others}])],\n    initiatives"),
        1,
    )
}

/// P0's engagement and exhaustion four weeks after week 1, moved to team `u` in week 1 or not,
/// under crunch (so that exhaustion is above its floor and can show what the move adds).
fn after_a_move(traits: &str, moved: bool) -> (f64, f64) {
    let sc = common::parse(&two_teams_with(traits));
    let mut sim = Sim::new(&sc, 7);
    let me = p0(&sim);
    let w = sim.world();
    let to = w
        .resource::<sim::Index>()
        .people
        .values()
        .filter_map(|e| w.get::<Person>(*e))
        .find(|p| p.name == "Q0")
        .expect("Q0")
        .team;
    assert_ne!(to, me.team, "Q0 is in the other team");
    let mut first = true;
    common::play(&mut sim, 4, |s| {
        if first {
            s.submit(Action::SetOvertimePolicy {
                policy: OvertimePolicy::Crunch,
            })
            .expect("crunch");
        }
        if moved && first {
            s.submit(Action::Reteam { person: me.id, to })
                .expect("the move is affordable in week 1");
        }
        first = false;
    });
    let p = p0(&sim);
    if moved {
        assert_eq!(p.team, to, "P0 was moved");
    }
    (p.engagement, p.exhaustion)
}

#[test]
fn a_move_to_another_team_unsettles_the_person_moved_by_temperament() {
    let (stable_stay, stable_stay_x) = after_a_move("NeedsStability", false);
    let (stable_moved, stable_moved_x) = after_a_move("NeedsStability", true);
    let (loves_stay, _) = after_a_move("LovesChange", false);
    let (loves_moved, _) = after_a_move("LovesChange", true);
    let stable_cost = stable_stay - stable_moved;
    let loves_cost = loves_stay - loves_moved;
    eprintln!(
        "engagement lost to the move: needs stability {stable_cost:.1} ({stable_stay:.1} -> {stable_moved:.1}), \
         loves change {loves_cost:.1} ({loves_stay:.1} -> {loves_moved:.1}); \
         exhaustion (needs stability) {stable_stay_x:.1} -> {stable_moved_x:.1}"
    );
    // The move costs the one who needs stability engagement and tires them; it costs the one
    // who enjoys change much less.
    assert!(stable_cost > 1.0, "needs stability: {stable_cost:.2}");
    assert!(stable_moved_x > stable_stay_x, "the move tires them");
    assert!(
        loves_cost < stable_cost / 2.0,
        "loves change {loves_cost:.2} vs needs stability {stable_cost:.2}"
    );
}
