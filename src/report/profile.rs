//! The leadership profile (issue 14): from the decisions played, how the player supported,
//! defended, inspired and connected their teams, which pillars they developed in their people,
//! and whether they shared credit and took responsibility — each against the servant line on
//! the same scenario, seed and length, phrased as feedback a coach would give.

use crate::headless::log::DecisionLog;
use crate::headless::{Sim, policy_by_name};
use crate::model::action::{Action, ActionKind};
use crate::scenario::Scenario;
use crate::sim::ActionQueue;
use crate::sim::describe::pillar_name;

/// The four things leaders of empowered teams do for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    /// Resources, talent, funding, tooling; care for the people.
    Support,
    /// From pressure to work in waterfall ways.
    Defend,
    /// The long-term vision, refined and communicated.
    Inspire,
    /// Interdependencies managed so teams work in harmony.
    Connect,
}

impl Axis {
    pub const ALL: [Axis; 4] = [Axis::Support, Axis::Defend, Axis::Inspire, Axis::Connect];

    pub fn label(self) -> &'static str {
        match self {
            Axis::Support => "Support",
            Axis::Defend => "Defend",
            Axis::Inspire => "Inspire",
            Axis::Connect => "Connect",
        }
    }

    /// What the axis means, in one line.
    pub fn meaning(self) -> &'static str {
        match self {
            Axis::Support => "giving teams people, growth, tools and money",
            Axis::Defend => "keeping waterfall pressure off the teams",
            Axis::Inspire => "making the vision and the teams' results visible",
            Axis::Connect => "managing how teams and stakeholders depend on each other",
        }
    }

    /// The axis a kind of decision counts for (`None`: managing the work itself, which none of
    /// the four describes). Complying with a demand counts for none: it is the absence of
    /// defence, shown as such.
    pub fn of(kind: ActionKind) -> Option<Axis> {
        use ActionKind::*;
        Some(match kind {
            OpenRequisition | StructuredOnboarding | HireContractors | OneOnOne | Mentor
            | PairMentor | Training | StayInterview | RetentionRaise | RecoveryWeek
            | DevelopManager | Tooling | Analytics | PlatformInvestment | RequestBudget => {
                Axis::Support
            }
            Shield | Reframe | Escalate | TakeResponsibility | BlamelessReview => Axis::Defend,
            VisionSession | DemoDay | ShareCredit => Axis::Inspire,
            ConnectTeams | BrokerAlignment | SetInteractionMode | StrategySession
            | DiscloseSlip => Axis::Connect,
            _ => return None,
        })
    }
}

/// One axis of the profile: the player's decisions on it, the servant line's, and the feedback.
#[derive(Clone, Debug, PartialEq)]
pub struct AxisLine {
    pub axis: Axis,
    pub yours: usize,
    pub servant: usize,
    /// The kinds behind the player's count, most frequent first ("1:1 ×11").
    pub behind: String,
    pub feedback: String,
}

/// The whole profile of one game.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub weeks: u32,
    pub axes: Vec<AxisLine>,
    /// Demands answered: (defended: shield, reframe or escalate; complied).
    pub demands: (usize, usize),
    pub servant_demands: (usize, usize),
    /// Pillars grown by mentoring and training, with how many times.
    pub pillars: Vec<(crate::sim::Pillar, usize)>,
    /// (shared, taken) credit; (took responsibility, blamed).
    pub credit: (usize, usize),
    pub responsibility: (usize, usize),
    /// Coach's lines on the traits (credit, responsibility, pillars).
    pub traits: Vec<String>,
}

/// The profile of `log` (a game of `scenario`), against the servant bot's game on the same
/// seed and length.
pub fn profile(scenario: &Scenario, log: &DecisionLog) -> Profile {
    let yours: Vec<Action> = log.weeks.iter().flat_map(|w| w.actions.clone()).collect();
    let servant = servant_line(scenario, log.seed, log.length);
    let count = |acts: &[Action], axis: Axis| {
        acts.iter()
            .filter(|a| Axis::of(a.kind()) == Some(axis))
            .count()
    };
    let demands = |acts: &[Action]| {
        let k = |x: ActionKind| acts.iter().filter(|a| a.kind() == x).count();
        (
            k(ActionKind::Shield) + k(ActionKind::Reframe) + k(ActionKind::Escalate),
            k(ActionKind::Comply),
        )
    };
    let (d, s_d) = (demands(&yours), demands(&servant));
    let axes = Axis::ALL
        .iter()
        .map(|&axis| {
            let (y, s) = (count(&yours, axis), count(&servant, axis));
            let kinds: Vec<ActionKind> = yours
                .iter()
                .map(Action::kind)
                .filter(|k| Axis::of(*k) == Some(axis))
                .collect();
            AxisLine {
                axis,
                yours: y,
                servant: s,
                behind: super::session::counted_labels(&kinds),
                feedback: feedback(axis, y, s, d, s_d),
            }
        })
        .collect();
    let mut pillars: Vec<(crate::sim::Pillar, usize)> = Vec::new();
    for a in &yours {
        let p = match a {
            Action::Mentor { pillar, .. } | Action::Training { pillar, .. } => *pillar,
            _ => continue,
        };
        match pillars.iter_mut().find(|(x, _)| *x == p) {
            Some(e) => e.1 += 1,
            None => pillars.push((p, 1)),
        }
    }
    pillars.sort_by_key(|(p, n)| (std::cmp::Reverse(*n), *p as usize));
    let k = |x: ActionKind| yours.iter().filter(|a| a.kind() == x).count();
    let credit = (k(ActionKind::ShareCredit), k(ActionKind::TakeCredit));
    let responsibility = (k(ActionKind::TakeResponsibility), k(ActionKind::Blame));
    let traits = trait_lines(&pillars, credit, responsibility);
    Profile {
        weeks: log.length,
        axes,
        demands: d,
        servant_demands: s_d,
        pillars,
        credit,
        responsibility,
        traits,
    }
}

/// The servant bot's decisions in the same world (same scenario, seed and length).
fn servant_line(scenario: &Scenario, seed: u64, weeks: u32) -> Vec<Action> {
    let Some(mut bot) = policy_by_name("servant") else {
        return Vec::new();
    };
    let weeks = weeks.clamp(1, crate::scenario::limits::MAX_WEEKS);
    Sim::with_reused_length(scenario, seed, weeks, None, |sim| {
        for _ in 0..weeks {
            sim.step_with(bot.as_mut());
        }
        sim.world()
            .resource::<ActionQueue>()
            .applied
            .iter()
            .filter(|(w, _)| *w <= weeks)
            .map(|(_, a)| a.clone())
            .collect()
    })
}

/// A coach's sentence on one axis: how much, against the servant line, and what to try.
fn feedback(
    axis: Axis,
    yours: usize,
    servant: usize,
    demands: (usize, usize),
    servant_demands: (usize, usize),
) -> String {
    if axis == Axis::Defend {
        let (defended, complied) = demands;
        let answered = defended + complied;
        let (s_def, s_comp) = servant_demands;
        let line = format!("the servant line defended {s_def} of {}", s_def + s_comp);
        return match (answered, defended) {
            (0, _) if yours == 0 => format!(
                "You answered no demand and defended nobody ({line}). Unanswered demands go \
                 around you and land harder."
            ),
            (0, _) => format!(
                "You answered no demand, but stood up for your teams after failures ({yours} \
                 times; {line})."
            ),
            (_, 0) => format!(
                "You complied with all {answered} demands you answered: your teams took every \
                 bit of the pressure ({line}). Shielding or reframing one is how a leader \
                 defends empowered teams."
            ),
            _ if defended * 2 < answered => format!(
                "You defended your teams from {defended} of the {answered} demands you answered \
                 and complied with the rest ({line}). Which of those could you have reframed as \
                 an outcome?"
            ),
            _ => format!(
                "You defended your teams from {defended} of the {answered} demands you answered \
                 ({line}): they could work on outcomes instead of plans and reports."
            ),
        };
    }
    if servant == 0 && yours == 0 {
        return "Neither you nor the servant line took such decisions here.".into();
    }
    let did = match axis {
        Axis::Support => "supported your teams",
        Axis::Inspire => "inspired your teams",
        Axis::Connect => "connected your teams and stakeholders",
        Axis::Defend => "defended your teams",
    };
    let ratio = yours as f64 / servant.max(1) as f64;
    let compared = format!("{yours} decisions; the servant line took {servant}");
    if ratio >= 0.75 {
        format!("A strength: you {did} regularly ({compared}).")
    } else if ratio >= 0.35 {
        format!("You {did} now and then ({compared}): doing it more regularly would pay off.")
    } else {
        format!(
            "You hardly ever {did} ({compared}). {}",
            match axis {
                Axis::Support =>
                    "Regular 1:1s, mentoring and tools are how teams get what they need.",
                Axis::Inspire =>
                    "Vision sessions, demos and shared credit show teams why their work matters.",
                Axis::Connect =>
                    "Connecting dependent teams and talking with stakeholders keeps work flowing.",
                Axis::Defend => "",
            }
        )
    }
}

fn trait_lines(
    pillars: &[(crate::sim::Pillar, usize)],
    credit: (usize, usize),
    responsibility: (usize, usize),
) -> Vec<String> {
    let mut out = Vec::new();
    out.push(match credit {
        (0, 0) => "Credit: you neither shared nor took the credit for a release.".into(),
        (s, 0) => {
            format!("Credit: you shared it with the team {s} times and never took it yourself.")
        }
        (0, t) => format!(
            "Credit: you took the credit yourself {t} times and never shared it. Teams notice."
        ),
        (s, t) => format!("Credit: you shared it {s} times and took it yourself {t} times."),
    });
    out.push(match responsibility {
        (0, 0) => "Failures: you neither took responsibility nor blamed anyone.".into(),
        (r, 0) => format!("Failures: you took responsibility {r} times and blamed nobody."),
        (0, b) => format!(
            "Failures: you blamed a team {b} times and never took responsibility. Blame makes \
             failures hidden, not rarer."
        ),
        (r, b) => {
            format!("Failures: you took responsibility {r} times and blamed a team {b} times.")
        }
    });
    out.push(if pillars.is_empty() {
        "Growth: you did not mentor or train anyone in a pillar.".into()
    } else {
        format!(
            "Growth: you developed {} (mentoring and training).",
            pillars
                .iter()
                .map(|(p, n)| format!("{} ×{n}", pillar_name(*p)))
                .collect::<Vec<_>>()
                .join(", ")
        )
    });
    out
}

/// The profile as a Markdown section.
pub fn markdown(p: &Profile) -> String {
    let mut s = String::from(
        "## Your leadership profile\n\nHow you led, by the four things leaders of empowered teams do, against the servant line in the same world.\n\n| | You | Servant line | Feedback |\n|---|---|---|---|\n",
    );
    for a in &p.axes {
        s.push_str(&format!(
            "| {} | {} | {} | {}{} |\n",
            a.axis.label(),
            a.yours,
            a.servant,
            a.feedback,
            if a.behind.is_empty() {
                String::new()
            } else {
                format!(" ({})", a.behind)
            }
        ));
    }
    s.push('\n');
    for t in &p.traits {
        s.push_str(&format!("- {t}\n"));
    }
    s.push('\n');
    s
}
