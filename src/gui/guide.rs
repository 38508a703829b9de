//! The guided first game's hints (scenarios with `guided: true`): which hint shows is worked
//! out from the interface state alone, so the same commands always give the same hint and the
//! tests walk the tour with no window. Drawing them is `ui::guide`.
//!
//! The tour follows what a first-time player must find, in the order they need it: the org
//! map, the panel with the selection's actions, End week, the week summary, the inbox (the
//! scripted demand arrives in week 2), the other tabs, the last End week and the debrief.

use std::collections::BTreeSet;

use super::catalog::Selection;
use super::state::{GuiState, Overlay, Screen, Tab};
use crate::sim::{Action, Org, Person, Stakeholder};

/// Where on the screen a hint points. The drawing code records each target's rectangle as
/// it lays the screen out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// The centre of the playing screen (the org map).
    Map,
    /// The right-hand panel: the selection and its actions.
    Details,
    /// The demand inbox, bottom left.
    Inbox,
    /// The End week button, bottom right.
    EndWeek,
    /// The row of tabs above the centre.
    Tabs,
    /// The week summary window.
    Summary,
}

impl Target {
    pub const ALL: [Target; 6] = [
        Target::Map,
        Target::Details,
        Target::Inbox,
        Target::EndWeek,
        Target::Tabs,
        Target::Summary,
    ];
}

/// The steps of the tour, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    Map,
    Details,
    EndWeek,
    Summary,
    Inbox,
    Tabs,
    LastWeek,
    Debrief,
}

/// What the player has done with the tour: steps they moved past with "Next" (the rest follow
/// from the game itself), and whether they hid the hints.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Guide {
    pub passed: BTreeSet<Step>,
    pub hidden: bool,
}

/// One hint as the player reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Hint {
    pub step: Step,
    pub title: String,
    pub text: String,
    /// What it points at; `None` for a hint that stands on its own.
    pub target: Option<Target>,
    /// Offers "Next": the step ends when the player says so, not by something they do.
    pub next: bool,
}

/// The hint to show now, if any: none outside guided games, once hidden, or while a menu or
/// confirmation is open (those explain themselves).
pub fn current(st: &GuiState) -> Option<Hint> {
    let g = st.game.as_ref()?;
    if !g.scenario.raw.guided || st.guide.hidden {
        return None;
    }
    let passed = |s: Step| st.guide.passed.contains(&s);
    let w = g.world();
    let week = g.week();
    let last = g.weeks();
    let hint = |step, title: &str, text: String, target, next| Hint {
        step,
        title: title.to_string(),
        text,
        target,
        next,
    };
    match (st.screen, st.overlay) {
        (Screen::Debrief, Overlay::None) if !passed(Step::Debrief) => {
            return Some(hint(
                Step::Debrief,
                "The debrief",
                "Here is what your decisions did. Each score is set against a caretaker who \
                 would have kept things running in the same world, and the lines under it name \
                 the decisions that moved it and by how much. Below them: the kind of leader \
                 you were. Next, pick a real scenario from the list: Esc goes back to the title."
                    .into(),
                None,
                true,
            ));
        }
        (Screen::Playing, Overlay::WeekSummary) => {
            let over = g.is_over();
            let text = if over {
                "The last week's summary. Close it (Enter) to see the debrief: your final \
                 scores and which of your decisions moved them."
                    .to_string()
            } else {
                "After each week the summary tells you what happened: who shipped, who \
                 struggled, what the stakeholders did, and your decisions with their effect. \
                 'What if not?' beside a decision replays the weeks without it. Close it \
                 (Enter) to plan the next week."
                    .to_string()
            };
            return Some(hint(
                Step::Summary,
                "What happened",
                text,
                Some(Target::Summary),
                false,
            ));
        }
        (Screen::Playing, Overlay::None) => {}
        _ => return None,
    }
    if g.is_over() {
        return None;
    }
    let org = w.resource::<Org>();
    let queued = g.queued();
    let unanswered = org.demands.iter().find(|d| {
        !queued
            .iter()
            .any(|a| matches!(a, Action::Respond { demand, .. } if *demand == d.id))
    });
    if week == 1 {
        if !passed(Step::Map) && st.selection == Selection::Org && queued.is_empty() {
            return Some(hint(
                Step::Map,
                "Your organization",
                "This is the org map. Each room is a team and each face a person: tired people \
                 look tired, and an orange ring means someone might leave. Stakeholders sit at \
                 the top. Hover anyone to see what moved them last week; click a person to \
                 select them. Chen, in Bookings, looks worn out."
                    .into(),
                Some(Target::Map),
                false,
            ));
        }
        if queued.is_empty() {
            let who = match st.selection {
                Selection::Person(id) => crate::sim::lookup::get::<Person>(w, id)
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| "them".into()),
                _ => "the selection".into(),
            };
            return Some(hint(
                Step::Details,
                "What you can do",
                format!(
                    "The panel on the right shows {who} and every action that applies, each \
                     with its price in attention points (AP: your time, 10 a week). Queue one \
                     by clicking it or pressing its number: a 1:1 is a good start. Nothing \
                     happens until the week ends, and Z takes the last one back."
                ),
                Some(Target::Details),
                false,
            ));
        }
        return Some(hint(
            Step::EndWeek,
            "End the week",
            "Your decision waits in the queue, at the bottom. Queue more if you have attention \
             left (the top bar shows it), then press End week (E) to play the week out."
                .into(),
            Some(Target::EndWeek),
            false,
        ));
    }
    if let Some(d) = unanswered {
        let from = crate::sim::lookup::get::<Stakeholder>(w, d.from)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| "A stakeholder".into());
        return Some(hint(
            Step::Inbox,
            "A demand in the inbox",
            format!(
                "{from} wants something from your team: it waits in the inbox with four \
                 answers. Comply does what was asked; Shield protects the team and costs \
                 political capital; Reframe offers an alternative; Escalate takes it up the \
                 line. Hover an answer for what it costs and does. Unanswered demands are \
                 complied with when they fall due."
            ),
            Some(Target::Inbox),
            false,
        ));
    }
    if !passed(Step::Tabs) && st.tab == Tab::Map {
        return Some(hint(
            Step::Tabs,
            "More to look at",
            "The tabs show the same organization other ways: People as cards with exact \
             values (F3), the Dependencies between teams (F4), the Stakeholders and their \
             trust in you (F5), the Product with its goals (F6), and Charts of every score \
             week by week (F7)."
                .into(),
            Some(Target::Tabs),
            true,
        ));
    }
    Some(hint(
        Step::LastWeek,
        if week == last {
            "The last week"
        } else {
            "Your week"
        },
        if week == last {
            "This is the last week. Spend your attention where it helps, then End week (E): \
             the summary follows, then the debrief with what your decisions did."
                .into()
        } else {
            "Plan the week, then End week (E).".into()
        },
        Some(Target::EndWeek),
        false,
    ))
}
