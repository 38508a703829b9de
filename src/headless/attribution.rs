//! The debrief by decisions (MODEL.md §9.4, §17.5): each score against what the caretaker
//! achieves in the same world on the same random streams, and the gap attributed to groups of
//! the player's decisions by counterfactual replay.
//!
//! A decision group is a topic the player can act on — "how you answered Helga's demands",
//! "1:1s and stay interviews in Growth", "hiring for Onboarding". Its points are the player's
//! game minus the same game with that group handed to the caretaker: the player's other
//! decisions stay as logged, and in that topic the caretaker decides instead (it complies with
//! demands and holds monthly 1:1s; in every other topic it does nothing). Random draws are
//! keyed by purpose, entity and week (§10), so the replays share their luck with the game.
//! What the groups do not explain on their own is shown as one line: the decisions together.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::log::{DecisionLog, LogError};
use super::{Policy, Reference, Sim, bots};
use crate::model::{PersonId, StakeholderId, TeamId};
use crate::scenario::Scenario;
use crate::sim::{self, Action, Index, Org, Person, Stakeholder, Team, lookup};

/// What one group of decisions is about. Ordered so that the group list is stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Topic {
    /// Answers to one stakeholder's demands (comply, shield, reframe, escalate).
    Demands(StakeholderId),
    /// 1:1s and stay interviews with the people of one team.
    Conversations(Option<TeamId>),
    /// Mentoring, pair mentoring, training, onboarding and manager development in one team.
    Development(Option<TeamId>),
    /// Retention raises and recovery weeks in one team.
    Care(Option<TeamId>),
    /// Requisitions and contractors for one team.
    Hiring(TeamId),
    Layoffs,
    /// Moving people between teams.
    Reteaming,
    VisionSessions,
    /// Strategy sessions with one stakeholder.
    Strategy(StakeholderId),
    /// Sharing and taking credit.
    Credit,
    /// Taking responsibility, blame and blameless reviews.
    Failures,
    /// Demo days and disclosed slips.
    Transparency,
    /// Discovery and debt shares, WIP limits, tools, analytics and platform work for one team.
    TeamSetup(TeamId),
    Overtime,
    BudgetRequests,
    /// Brokering alignment, connecting teams and interaction modes.
    Connecting,
    /// Metric reviews, experiments and forecasts.
    Evidence,
    /// Killing and descoping initiatives.
    Portfolio,
}

/// The topic of `a` as the world stands when it is submitted (a demand's stakeholder, a
/// person's team), or `None` when what it names no longer exists.
pub fn topic_of(world: &bevy::prelude::World, a: &Action) -> Option<Topic> {
    use Action::*;
    let team_of =
        |p: PersonId| -> Option<TeamId> { lookup::get::<Person>(world, p).map(|x| x.team) };
    Some(match a {
        Respond { demand, .. } => {
            let d = world
                .resource::<Org>()
                .demands
                .iter()
                .find(|d| d.id == *demand)?;
            Topic::Demands(d.from)
        }
        OneOnOne { person } | StayInterview { person } => Topic::Conversations(team_of(*person)),
        Mentor { person, .. }
        | Training { person, .. }
        | StructuredOnboarding { person }
        | DevelopManager { person } => Topic::Development(team_of(*person)),
        PairMentor { mentee, .. } => Topic::Development(team_of(*mentee)),
        RetentionRaise { person } | RecoveryWeek { person } => Topic::Care(team_of(*person)),
        OpenRequisition { team, .. } | HireContractors { team, .. } => Topic::Hiring(*team),
        Layoff { .. } => Topic::Layoffs,
        Reteam { .. } => Topic::Reteaming,
        VisionSession => Topic::VisionSessions,
        StrategySession { stakeholder } => Topic::Strategy(*stakeholder),
        ShareCredit { .. } | TakeCredit { .. } => Topic::Credit,
        TakeResponsibility { .. } | Blame { .. } | BlamelessReview { .. } => Topic::Failures,
        DemoDay { .. } | DiscloseSlip { .. } => Topic::Transparency,
        SetDiscoveryShare { team, .. }
        | SetDebtShare { team, .. }
        | SetWipLimit { team, .. }
        | Tooling { team }
        | Analytics { team }
        | PlatformInvestment { team } => Topic::TeamSetup(*team),
        SetOvertimePolicy { .. } => Topic::Overtime,
        RequestBudget { .. } => Topic::BudgetRequests,
        BrokerAlignment { .. } | ConnectTeams { .. } | SetInteractionMode { .. } => {
            Topic::Connecting
        }
        ReviewMetrics { .. } | RunExperiment { .. } | Forecast { .. } => Topic::Evidence,
        KillInitiative { .. } | Descope { .. } => Topic::Portfolio,
    })
}

/// One line of the debrief by decisions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionLine {
    pub topic: Topic,
    /// "How you answered Helga's demands".
    pub label: String,
    /// The weeks the player decided in this topic, and how many decisions that was.
    pub weeks: Vec<u32>,
    pub decisions: usize,
    /// What the player's decisions of this group did, in final score points: the game minus
    /// the game with the caretaker deciding in this topic instead.
    pub culture: f64,
    pub product: f64,
    pub combined: f64,
    /// How it worked, in plain words, measured between the two games ("Onboarding had 12 %
    /// more capacity; Helga's trust −6").
    pub mechanism: String,
    /// What the comparison game did in this topic instead.
    pub instead: String,
}

/// A finished game's scores against the caretaker's, explained by the player's decisions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// Final (culture, product, combined) of the player's game.
    pub you: (f64, f64, f64),
    /// The same world and luck with the caretaker deciding every week: the situation's score.
    pub caretaker: (f64, f64, f64),
    /// Decision groups, largest effect on the combined score first.
    pub lines: Vec<DecisionLine>,
    /// What the groups do not explain on their own: (you − caretaker) − Σ lines.
    pub together: (f64, f64, f64),
    /// The situation as the caretaker met it: the largest causes of its scores, as sentences.
    pub situation: Vec<String>,
    /// Games played to measure this (the player's, the caretaker's, one per group).
    pub replays: usize,
    /// For each stakeholder whose demands you only ever complied with (as the caretaker does,
    /// so their group reads about zero): what complying cost, against shielding them.
    #[serde(default)]
    pub alternatives: Vec<DecisionLine>,
}

impl Attribution {
    /// The lines that moved culture (`culture == true`) or product, by size, at least `min`
    /// points either way.
    pub fn moved(&self, culture: bool, min: f64) -> Vec<&DecisionLine> {
        let pts = |l: &DecisionLine| if culture { l.culture } else { l.product };
        let mut v: Vec<&DecisionLine> = self.lines.iter().filter(|l| pts(l).abs() >= min).collect();
        v.sort_by(|a, b| pts(b).abs().total_cmp(&pts(a).abs()));
        v
    }
}

/// Measures of a game that explain a decision's effect, averaged over the played weeks (team
/// measures) or taken when play ended (the rest).
#[derive(Clone, Debug, Default)]
struct Measures {
    weeks: f64,
    /// Per team: Σ capacity, Σ mean engagement, Σ mean exhaustion, Σ psychological safety.
    teams: BTreeMap<TeamId, [f64; 4]>,
    /// Per team when play ended: mean skill in each of the four pillars, learned and being
    /// learned (skills build up, so the end says more than the average).
    skills: BTreeMap<TeamId, [f64; 4]>,
    /// Per team when play ended: how many people (employees and contractors).
    heads: BTreeMap<TeamId, f64>,
    /// The week's (culture, product) scores, one per played week.
    scores: Vec<(f64, f64)>,
    trust: BTreeMap<StakeholderId, f64>,
    exits: u32,
    shipped: usize,
    people: usize,
    political_capital: f64,
}

impl Measures {
    fn add_week(&mut self, world: &bevy::prelude::World) {
        let idx = world.resource::<Index>();
        let mut per: BTreeMap<TeamId, (f64, f64, f64, [f64; 4])> = BTreeMap::new();
        for e in idx.people.values() {
            if let Some(p) = world.get::<Person>(*e) {
                let s = per.entry(p.team).or_default();
                s.0 += 1.0;
                s.1 += p.engagement;
                s.2 += p.exhaustion;
                // Learned and still being learned (mentoring and training vest over weeks).
                for (k, v) in s.3.iter_mut().enumerate() {
                    *v += p.skills[k] + p.pending[k];
                }
            }
        }
        self.heads = per.iter().map(|(t, x)| (*t, x.0)).collect();
        self.skills = per
            .iter()
            .map(|(t, (n, _, _, skill))| (*t, skill.map(|v| v / n.max(1.0))))
            .collect();
        for e in idx.teams.values() {
            if let Some(t) = world.get::<Team>(*e) {
                let (n, eng, exh, _) = per.get(&t.id).copied().unwrap_or_default();
                let n = n.max(1.0);
                let m = self.teams.entry(t.id).or_default();
                m[0] += t.capacity;
                m[1] += eng / n;
                m[2] += exh / n;
                m[3] += t.psych_safety;
            }
        }
        if let Some(s) = world.resource::<crate::score::ScoreHistory>().weeks.last() {
            self.scores.push((s.culture, s.product));
        }
        self.weeks += 1.0;
    }

    /// The mean weekly (culture, product) difference from `other` over the played weeks.
    fn during_play(&self, other: &Measures) -> (f64, f64) {
        let n = self.scores.len().min(other.scores.len()).max(1) as f64;
        self.scores
            .iter()
            .zip(&other.scores)
            .fold((0.0, 0.0), |s, (a, b)| {
                (s.0 + (a.0 - b.0) / n, s.1 + (a.1 - b.1) / n)
            })
    }

    fn finish(&mut self, world: &bevy::prelude::World) {
        let idx = world.resource::<Index>();
        for e in idx.stakeholders.values() {
            if let Some(s) = world.get::<Stakeholder>(*e) {
                self.trust.insert(s.id, s.trust());
            }
        }
        let org = world.resource::<Org>();
        self.exits = org.voluntary_exits;
        self.shipped = org.shipped.len();
        self.people = idx.people.len();
        self.political_capital = world.resource::<sim::Leader>().political_capital;
    }

    fn team(&self, t: TeamId, i: usize) -> f64 {
        self.teams.get(&t).map_or(0.0, |m| m[i]) / self.weeks.max(1.0)
    }
}

/// "2 more resignations", "1 fewer initiative shipped" (notability 4 per unit), or nothing for
/// no change.
fn count_change(d: i64, one: &str, many: &str) -> Option<(f64, String)> {
    (d != 0).then(|| {
        (
            4.0 * d.abs() as f64,
            format!(
                "{} {} {}",
                d.abs(),
                if d > 0 { "more" } else { "fewer" },
                if d.abs() == 1 { one } else { many }
            ),
        )
    })
}

/// Names for the sentences: teams and stakeholders as the player knows them.
struct Names {
    teams: BTreeMap<TeamId, String>,
    stakeholders: BTreeMap<StakeholderId, String>,
}

impl Names {
    fn of(world: &bevy::prelude::World) -> Names {
        let idx = world.resource::<Index>();
        Names {
            teams: idx
                .teams
                .iter()
                .filter_map(|(id, e)| world.get::<Team>(*e).map(|t| (*id, t.name.clone())))
                .collect(),
            stakeholders: idx
                .stakeholders
                .iter()
                .filter_map(|(id, e)| world.get::<Stakeholder>(*e).map(|s| (*id, s.name.clone())))
                .collect(),
        }
    }
    fn team(&self, t: Option<TeamId>) -> String {
        t.and_then(|t| self.teams.get(&t).cloned())
            .unwrap_or_else(|| "people who have left".into())
    }
    fn stakeholder(&self, s: StakeholderId) -> String {
        self.stakeholders
            .get(&s)
            .cloned()
            .unwrap_or_else(|| format!("stakeholder {}", s.0))
    }
}

/// The label of a group, phrased for whether the player decided anything in it.
fn label(topic: Topic, names: &Names, decided: bool) -> String {
    use Topic::*;
    match (topic, decided) {
        (Demands(s), true) => format!("How you answered the demands of {}", names.stakeholder(s)),
        (Demands(s), false) => {
            format!("Leaving the demands of {} unanswered", names.stakeholder(s))
        }
        (Conversations(t), true) => format!("1:1s and stay interviews in {}", names.team(t)),
        (Conversations(t), false) => format!("No 1:1s in {}", names.team(t)),
        (Development(t), _) => format!("Mentoring and training in {}", names.team(t)),
        (Care(t), _) => format!("Raises and recovery weeks in {}", names.team(t)),
        (Hiring(t), _) => format!("Hiring for {}", names.team(Some(t))),
        (Layoffs, _) => "Layoffs".into(),
        (Reteaming, _) => "Moving people between teams".into(),
        (VisionSessions, _) => "Vision sessions".into(),
        (Strategy(s), _) => format!("Strategy sessions with {}", names.stakeholder(s)),
        (Credit, _) => "Sharing and taking credit".into(),
        (Failures, _) => "How you handled failures (responsibility, blame, reviews)".into(),
        (Transparency, _) => "Demo days and disclosed slips".into(),
        (TeamSetup(t), _) => format!(
            "How you set up the work of {} (discovery, debt, WIP, tools)",
            names.team(Some(t))
        ),
        (Overtime, _) => "Overtime policy".into(),
        (BudgetRequests, _) => "Budget requests".into(),
        (Connecting, _) => "Connecting teams".into(),
        (Evidence, _) => "Metrics, experiments and forecasts".into(),
        (Portfolio, _) => "Stopping and descoping work".into(),
    }
}

/// What the comparison game did in a topic: the caretaker's habit there.
fn instead(topic: Topic) -> &'static str {
    match topic {
        Topic::Demands(_) => "the caretaker complies with every demand",
        Topic::Conversations(_) => "the caretaker holds a 1:1 with each person about monthly",
        _ => "the caretaker does none of this",
    }
}

/// Which decisions a replay plays.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Variant<'a> {
    /// The game as logged.
    Logged,
    /// The caretaker decides every week.
    Caretaker,
    /// As logged, except that in these topics (one group) the caretaker decides.
    HandOver(&'a [Topic]),
    /// As logged, except that the player's compliance with this stakeholder's demands becomes
    /// shielding (what complying cost, where the caretaker would have complied too).
    ShieldInstead(StakeholderId),
}

/// One replay's outcome.
struct Played {
    scores: (f64, f64, f64),
    measures: Measures,
    /// The topic of each decision played in the played weeks, with its week (the logged game's
    /// and the caretaker's groups come from here).
    topics: Vec<(u32, Topic)>,
    /// The logged game only: each logged decision's topic, week by week, in log order.
    per_action: BTreeMap<u32, Vec<Option<Topic>>>,
    situation: Vec<String>,
}

/// Plays `log`'s weeks as `variant` says, then the epilogue. `logged_topics` are the topics of
/// the logged decisions, as the logged game met them (week → one per action).
fn play(
    scenario: &Scenario,
    log: &DecisionLog,
    variant: Variant<'_>,
    logged_topics: &BTreeMap<u32, Vec<Option<Topic>>>,
    finished: bool,
    reference: &Reference,
) -> Played {
    Sim::with_reused_length(
        scenario,
        log.seed,
        log.length,
        Some(reference.clone()),
        |sim| {
            let mut measures = Measures::default();
            let mut topics = Vec::new();
            let mut per_action = BTreeMap::new();
            for lw in &log.weeks {
                let w = lw.week;
                let mut decisions: Vec<Action> = Vec::new();
                match variant {
                    Variant::Logged => {
                        let found: Vec<Option<Topic>> = lw
                            .actions
                            .iter()
                            .map(|a| topic_of(sim.world(), a))
                            .collect();
                        topics.extend(found.iter().flatten().map(|t| (w, *t)));
                        per_action.insert(w, found);
                        decisions.extend(lw.actions.iter().cloned());
                    }
                    Variant::Caretaker => {}
                    Variant::HandOver(g) => {
                        let known = logged_topics.get(&w);
                        for (i, a) in lw.actions.iter().enumerate() {
                            let t = known.and_then(|k| k.get(i).copied().flatten());
                            if !t.is_some_and(|t| g.contains(&t)) {
                                decisions.push(a.clone());
                            }
                        }
                    }
                    Variant::ShieldInstead(s) => {
                        let known = logged_topics.get(&w);
                        for (i, a) in lw.actions.iter().enumerate() {
                            let t = known.and_then(|k| k.get(i).copied().flatten());
                            decisions.push(match a {
                                Action::Respond {
                                    demand,
                                    response: crate::sim::Response::Comply,
                                } if t == Some(Topic::Demands(s)) => Action::Respond {
                                    demand: *demand,
                                    response: crate::sim::Response::Shield,
                                },
                                other => other.clone(),
                            });
                        }
                    }
                }
                // A logged decision the comparison world refuses (its target is gone, or the
                // caretaker's answer used the AP) is simply not played there.
                for a in decisions {
                    sim.submit(a).ok();
                }
                let caretaker = match variant {
                    Variant::Logged | Variant::ShieldInstead(_) => Vec::new(),
                    Variant::Caretaker => bots::Caretaker.decide(sim.world()),
                    Variant::HandOver(g) => bots::Caretaker
                        .decide(sim.world())
                        .into_iter()
                        .filter(|a| topic_of(sim.world(), a).is_some_and(|t| g.contains(&t)))
                        .collect(),
                };
                for a in caretaker {
                    if variant == Variant::Caretaker
                        && let Some(t) = topic_of(sim.world(), &a)
                    {
                        topics.push((w, t));
                    }
                    // A refusal here means the player's other decisions left no room for it.
                    sim.submit(a).ok();
                }
                sim.step();
                measures.add_week(sim.world());
            }
            measures.finish(sim.world());
            // A finished game is scored as the final score is (with the epilogue); a game still
            // under way by where its scores stand this week.
            let scores = if finished {
                sim.run_epilogue();
                sim.history().final_scores()
            } else {
                sim.history()
                    .weeks
                    .last()
                    .map_or((0.0, 0.0, 0.0), |s| (s.culture, s.product, s.combined))
            };
            let situation = if variant == Variant::Caretaker {
                situation(sim.history())
            } else {
                Vec::new()
            };
            Played {
                scores,
                measures,
                topics,
                per_action,
                situation,
            }
        },
    )
}

/// "; on product mostly after play ended (the epilogue)" when a line's final points come mostly from
/// the epilogue: the weekly scores differed far less while the game was played.
fn epilogue_note(you: &Measures, other: &Measures, culture: f64, product: f64) -> &'static str {
    let (dc, dp) = you.during_play(other);
    let late = |fin: f64, during: f64| fin.abs() >= 1.0 && during.abs() < 0.4 * fin.abs();
    match (late(culture, dc), late(product, dp)) {
        (true, true) => "; mostly after play ended (the epilogue)",
        (true, false) => "; on culture mostly after play ended (the epilogue)",
        (false, true) => "; on product mostly after play ended (the epilogue)",
        (false, false) => "",
    }
}

/// What moved the caretaker's scores, as "culture: overtime −11.4, rest (…) +3.6": the
/// inherited situation (starting state, market, scripted events) a neutral leader meets.
fn situation(history: &crate::score::ScoreHistory) -> Vec<String> {
    let (c, p) = history.final_attribution();
    let mut out = Vec::new();
    for (what, ledger) in [("culture", c), ("product", p)] {
        let mut causes: Vec<(crate::model::Driver, f64)> = crate::model::ledger::ALL_DRIVERS
            .iter()
            .filter(|d| **d != crate::model::Driver::Initial)
            .map(|d| (*d, ledger.get(*d)))
            .filter(|(_, v)| v.abs() >= 0.5)
            .collect();
        causes.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
        if causes.is_empty() {
            continue;
        }
        let parts: Vec<String> = causes
            .iter()
            .take(4)
            .map(|(d, v)| format!("{} {v:+.1}", d.label()))
            .collect();
        out.push(format!("{what}: {}", parts.join("; ")));
    }
    out
}

/// The mechanism of a group's effect in plain words: the two or three measures that differ
/// most between the player's game and the comparison game.
fn mechanism(you: &Measures, other: &Measures, topic: Topic, names: &Names) -> String {
    // (how notable, sentence): notability puts measures on one scale (a point of engagement,
    // exhaustion, safety or trust ~ 1; 10 % capacity ~ 3; one person leaving or one ship ~ 4).
    let mut found: Vec<(f64, String)> = Vec::new();
    for (t, name) in &names.teams {
        let cap_you = you.team(*t, 0);
        let cap_other = other.team(*t, 0);
        if cap_other > 1e-9 {
            let pct = 100.0 * (cap_you - cap_other) / cap_other;
            if pct.abs() >= 2.0 {
                found.push((
                    pct.abs() * 0.3,
                    format!(
                        "{name} had {:.0} % {} capacity a week",
                        pct.abs(),
                        if pct > 0.0 { "more" } else { "less" }
                    ),
                ));
            }
        }
        for (i, what) in [
            (1, "engagement"),
            (2, "exhaustion"),
            (3, "psychological safety"),
        ] {
            let d = you.team(*t, i) - other.team(*t, i);
            if d.abs() >= 1.0 {
                found.push((d.abs(), format!("{what} in {name} {d:+.0}")));
            }
        }
        let heads = |m: &Measures| m.heads.get(t).copied().unwrap_or(0.0);
        let dn = heads(you) - heads(other);
        if dn.abs() >= 0.5 {
            found.push((
                4.0 * dn.abs(),
                format!(
                    "{name} had {:.0} {} {}",
                    dn.abs(),
                    if dn > 0.0 { "more" } else { "fewer" },
                    if dn.abs() < 1.5 { "person" } else { "people" }
                ),
            ));
        }
        // Skills move slowly: a few tenths of a point on the 0–100 scale in one pillar is a
        // real difference.
        let pillars = [
            "soft skills",
            "team-development skill",
            "domain knowledge",
            "technical and UX skill",
        ];
        let skill = |m: &Measures, k: usize| m.skills.get(t).map_or(0.0, |s| s[k]);
        // A team of other people has other mean skills: only a team of the same size says
        // something about learning.
        if dn.abs() < 0.5
            && let Some((k, d)) = (0..4)
                .map(|k| (k, skill(you, k) - skill(other, k)))
                .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
            && d.abs() >= 0.2
        {
            found.push((3.0 * d.abs(), format!("{} in {name} {d:+.1}", pillars[k])));
        }
    }
    for (s, trust) in &you.trust {
        let d = trust - other.trust.get(s).copied().unwrap_or(*trust);
        if d.abs() >= 1.0 {
            found.push((
                d.abs(),
                format!("trust of {} {d:+.0}", names.stakeholder(*s)),
            ));
        }
    }
    let exits = i64::from(you.exits) - i64::from(other.exits);
    found.extend(count_change(exits, "resignation", "resignations"));
    let shipped = you.shipped as i64 - other.shipped as i64;
    found.extend(count_change(
        shipped,
        "initiative shipped",
        "initiatives shipped",
    ));
    if matches!(topic, Topic::Hiring(_) | Topic::Layoffs) {
        let people = you.people as i64 - other.people as i64;
        found.extend(count_change(
            people,
            "person on the payroll",
            "people on the payroll",
        ));
    }
    let pc = you.political_capital - other.political_capital;
    if pc.abs() >= 2.0 {
        found.push((pc.abs() * 0.5, format!("political capital {pc:+.0}")));
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    if found.is_empty() {
        return "no visible difference in the teams, the stakeholders or the people".into();
    }
    found
        .into_iter()
        .take(3)
        .map(|(_, s)| s)
        .collect::<Vec<_>>()
        .join("; ")
}

/// What every decision line is measured from: the player's game, the names, and whether the
/// game is finished (then epilogue effects are flagged).
struct LineContext<'a> {
    you: &'a Played,
    names: &'a Names,
    finished: bool,
}

impl LineContext<'_> {
    /// A line for `topic`: the player's game minus `other`, with the mechanism between them.
    /// `weeks` are the weeks of the player's decisions in the group, one entry per decision.
    fn line(
        &self,
        topic: Topic,
        label: String,
        weeks: &[u32],
        other: &Played,
        instead: &str,
    ) -> DecisionLine {
        let (y, o) = (self.you.scores, other.scores);
        let mut distinct = weeks.to_vec();
        distinct.dedup();
        let mut how = mechanism(&self.you.measures, &other.measures, topic, self.names);
        if self.finished {
            how.push_str(epilogue_note(
                &self.you.measures,
                &other.measures,
                y.0 - o.0,
                y.1 - o.1,
            ));
        }
        DecisionLine {
            topic,
            label,
            weeks: distinct,
            decisions: weeks.len(),
            culture: y.0 - o.0,
            product: y.1 - o.1,
            combined: y.2 - o.2,
            mechanism: how,
            instead: instead.to_string(),
        }
    }
}

/// The attribution of a finished (or partly played) game: its decisions replayed group by
/// group against the caretaker on the same seed. The log must match the scenario file.
pub fn attribute(scenario: &Scenario, log: &DecisionLog) -> Result<Attribution, LogError> {
    attribute_at(scenario, log, true)
}

/// `attribute` for a game still under way: the scores where they stand after the log's last
/// week (no epilogue), for the week summary.
pub fn attribute_so_far(scenario: &Scenario, log: &DecisionLog) -> Result<Attribution, LogError> {
    attribute_at(scenario, log, false)
}

fn attribute_at(
    scenario: &Scenario,
    log: &DecisionLog,
    finished: bool,
) -> Result<Attribution, LogError> {
    log.check_shape(scenario)?;
    // The logged game first: it finds the topic of each decision as the game met it.
    // Every replay is scored against the same caretaker game: played once, here.
    let reference = super::caretaker_reference(scenario, log.seed, log.length);
    let you = play(
        scenario,
        log,
        Variant::Logged,
        &BTreeMap::new(),
        finished,
        &reference,
    );
    let logged_topics = you.per_action.clone();
    let care = play(
        scenario,
        log,
        Variant::Caretaker,
        &logged_topics,
        finished,
        &reference,
    );
    let names = Sim::with_reused_length(
        scenario,
        log.seed,
        log.length,
        Some(reference.clone()),
        |sim| Names::of(sim.world()),
    );

    // Every topic either game decided in, with the player's weeks and count.
    let mut groups: BTreeMap<Topic, Vec<u32>> = BTreeMap::new();
    for (w, t) in &you.topics {
        groups.entry(*t).or_default().push(*w);
    }
    for (_, t) in &care.topics {
        groups.entry(*t).or_default();
    }
    let topics: Vec<Topic> = groups.keys().copied().collect();
    // One replay per group: each topic on its own, except that the teams in which you held no
    // 1:1s at all (where the caretaker would have held monthly ones) form one group.
    let silent: Vec<Topic> = topics
        .iter()
        .copied()
        .filter(|t| matches!(t, Topic::Conversations(_)) && groups[t].is_empty())
        .collect();
    let mut replay_groups: Vec<Vec<Topic>> = topics
        .iter()
        .filter(|t| silent.len() < 2 || !silent.contains(t))
        .map(|t| vec![*t])
        .collect();
    if silent.len() >= 2 {
        replay_groups.push(silent.clone());
    }
    use rayon::prelude::*;
    let handed: Vec<Played> = replay_groups
        .par_iter()
        .map(|g| {
            play(
                scenario,
                log,
                Variant::HandOver(g),
                &logged_topics,
                finished,
                &reference,
            )
        })
        .collect();

    let mut lines: Vec<DecisionLine> = replay_groups
        .iter()
        .zip(&handed)
        .map(|(g, other)| {
            let t = &g[0];
            let weeks = &groups[t];
            let label = if g.len() > 1 {
                let teams: Vec<String> = g
                    .iter()
                    .map(|t| match t {
                        Topic::Conversations(team) => names.team(*team),
                        _ => String::new(),
                    })
                    .collect();
                format!("No 1:1s in {} teams ({})", g.len(), teams.join(", "))
            } else {
                label(*t, &names, !weeks.is_empty())
            };
            let context = LineContext {
                you: &you,
                names: &names,
                finished,
            };
            context.line(*t, label, weeks, other, instead(*t))
        })
        .collect();
    lines.sort_by(|a, b| {
        b.combined
            .abs()
            .total_cmp(&a.combined.abs())
            .then(a.topic.cmp(&b.topic))
    });
    let sum = lines.iter().fold((0.0, 0.0, 0.0), |s, l| {
        (s.0 + l.culture, s.1 + l.product, s.2 + l.combined)
    });
    let gap = (
        you.scores.0 - care.scores.0,
        you.scores.1 - care.scores.1,
        you.scores.2 - care.scores.2,
    );
    // Where you complied with every demand of a stakeholder — as the caretaker does, so the
    // line above reads zero — measure what complying cost against shielding them.
    let complied_only: Vec<StakeholderId> = topics
        .iter()
        .filter_map(|t| match t {
            Topic::Demands(s) => Some(*s),
            _ => None,
        })
        .filter(|s| {
            let answers: Vec<&Action> = log
                .weeks
                .iter()
                .flat_map(|lw| {
                    let known = logged_topics.get(&lw.week);
                    lw.actions.iter().enumerate().filter_map(move |(i, a)| {
                        let t = known.and_then(|k| k.get(i).copied().flatten());
                        (t == Some(Topic::Demands(*s))).then_some(a)
                    })
                })
                .collect();
            !answers.is_empty()
                && answers.iter().all(|a| {
                    matches!(
                        a,
                        Action::Respond {
                            response: crate::sim::Response::Comply,
                            ..
                        }
                    )
                })
        })
        .collect();
    let shielded: Vec<Played> = complied_only
        .par_iter()
        .map(|s| {
            play(
                scenario,
                log,
                Variant::ShieldInstead(*s),
                &logged_topics,
                finished,
                &reference,
            )
        })
        .collect();
    let alternatives: Vec<DecisionLine> = complied_only
        .iter()
        .zip(&shielded)
        .map(|(s, other)| {
            let t = Topic::Demands(*s);
            let context = LineContext {
                you: &you,
                names: &names,
                finished,
            };
            context.line(
                t,
                format!("Complying with the demands of {}", names.stakeholder(*s)),
                &groups[&t],
                other,
                "shielding them instead",
            )
        })
        .collect();
    Ok(Attribution {
        you: you.scores,
        caretaker: care.scores,
        together: (gap.0 - sum.0, gap.1 - sum.1, gap.2 - sum.2),
        situation: care.situation,
        replays: 2 + handed.len() + shielded.len(),
        lines,
        alternatives,
    })
}

/// Weeks as "week 3" or "weeks 2, 5, 9" (at most six shown).
pub fn weeks_phrase(weeks: &[u32]) -> String {
    let shown: Vec<String> = weeks.iter().take(6).map(u32::to_string).collect();
    format!(
        "week{} {}{}",
        if weeks.len() > 1 { "s" } else { "" },
        shown.join(", "),
        if weeks.len() > 6 { ", …" } else { "" }
    )
}

impl DecisionLine {
    /// "How you answered Helga's demands (weeks 2, 5; 3 decisions)".
    pub fn title(&self) -> String {
        if self.decisions == 0 {
            return format!("{} ({} instead)", self.label, self.instead_short());
        }
        format!(
            "{} ({}; {} decision{}; {})",
            self.label,
            weeks_phrase(&self.weeks),
            self.decisions,
            if self.decisions == 1 { "" } else { "s" },
            self.compared_with()
        )
    }

    fn instead_short(&self) -> &'static str {
        match self.topic {
            Topic::Demands(_) => "the caretaker would have complied",
            Topic::Conversations(_) => "the caretaker would have held monthly 1:1s",
            _ => "the caretaker would have done nothing",
        }
    }

    /// What the line's points are measured against, in a few words.
    fn compared_with(&self) -> &'static str {
        if self.instead.starts_with("shielding") {
            return "vs shielding them";
        }
        match self.topic {
            Topic::Demands(_) => "vs complying",
            Topic::Conversations(_) => "vs monthly 1:1s",
            _ => "vs not doing it",
        }
    }
}

impl Attribution {
    /// The debrief by decisions as plain-text lines: the comparison with the caretaker, the
    /// decisions that moved each score (at most `n` each, at least 0.1 points) with how, the
    /// decisions together, and the situation.
    pub fn summary_lines(&self, n: usize) -> Vec<String> {
        let (y, c) = (self.you, self.caretaker);
        let mut out = vec![format!(
            "Against a caretaker in the same world with the same luck: culture {:.1} vs {:.1} ({:+.1}), product {:.1} vs {:.1} ({:+.1}), combined {:.1} vs {:.1} ({:+.1}). 50 is par: culture is scored against that caretaker, product against where it stood at the start",
            y.0,
            c.0,
            y.0 - c.0,
            y.1,
            c.1,
            y.1 - c.1,
            y.2,
            c.2,
            y.2 - c.2
        )];
        for (culture, what, together) in [
            (true, "culture", self.together.0),
            (false, "product success", self.together.1),
        ] {
            let moved = self.moved(culture, 0.1);
            if moved.is_empty() && together.abs() < 0.1 {
                out.push(format!(
                    "No decision of yours moved {what} by 0.1 points or more."
                ));
                continue;
            }
            out.push(format!("Your decisions that moved {what}:"));
            for l in moved.into_iter().take(n) {
                let pts = if culture { l.culture } else { l.product };
                out.push(format!("  {pts:+5.1}  {}: {}", l.title(), l.mechanism));
            }
            if together.abs() >= 0.1 {
                out.push(format!(
                    "  {together:+5.1}  Your decisions together: overlap (several decisions rescuing the same outcome) or decisions that only work together"
                ));
            }
        }
        if !self.alternatives.is_empty() {
            out.push("What complying cost (your game against the same game with those demands shielded):".into());
            for l in &self.alternatives {
                out.push(format!(
                    "  culture {:+.1}, product {:+.1}  {}: {}",
                    l.culture,
                    l.product,
                    l.title(),
                    l.mechanism
                ));
            }
        }
        if !self.situation.is_empty() {
            out.push(format!(
                "The situation (what moved in the caretaker's game; on culture the caretaker scores 50 by definition, so this is what you were measured against): {}",
                self.situation.join("; ")
            ));
        }
        out
    }
}
