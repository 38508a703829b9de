//! A test plan's expected events (`expect: (events: ["shipped onboarding", "resigned Ana"])`):
//! parsed at load into what must happen and to whom, and matched against the typed record of a
//! run's log (`LogEntry::happened` and `about`), never against the wording of a log line.

use serde::Serialize;

use super::RawScenario;
use crate::model::names::{IdKind, NameTable, nearest};
use crate::model::{InitiativeId, PersonId, StakeholderId, TeamId};
use crate::sim::{Happened, LogEntry, Subject};

/// One expected event, resolved.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExpectedEvent {
    /// As the trainer wrote it (shown by `check`).
    pub text: String,
    #[serde(skip)]
    pub happened: Happened,
    /// To whom or what; `None` for "any".
    #[serde(skip)]
    pub about: Option<Subject>,
}

impl ExpectedEvent {
    /// Does this log line record the expected event?
    pub fn matches(&self, entry: &LogEntry) -> bool {
        entry.happened == Some(self.happened)
            && self.about.is_none_or(|who| entry.about.contains(&who))
    }
}

/// Every name a trainer may put after the event's words, and what it stands for.
fn subjects(raw: &RawScenario, table: &NameTable) -> Vec<(String, Subject)> {
    let key = |kind: IdKind, id: &str| table.names.get(&kind).and_then(|m| m.get(id)).copied();
    let mut out = Vec::new();
    for it in &raw.initiatives {
        if let Some(k) = key(IdKind::Initiative, &it.id) {
            out.push((it.id.clone(), Subject::Initiative(InitiativeId(k))));
            if !it.name.is_empty() {
                out.push((it.name.clone(), Subject::Initiative(InitiativeId(k))));
            }
        }
    }
    for t in &raw.teams {
        if let Some(k) = key(IdKind::Team, &t.id) {
            out.push((t.id.clone(), Subject::Team(TeamId(k))));
            if !t.name.is_empty() {
                out.push((t.name.clone(), Subject::Team(TeamId(k))));
            }
        }
    }
    if let Some(people) = table.names.get(&IdKind::Person) {
        out.extend(
            people
                .iter()
                .map(|(n, k)| (n.clone(), Subject::Person(PersonId(*k)))),
        );
    }
    if let Some(stakeholders) = table.names.get(&IdKind::Stakeholder) {
        out.extend(
            stakeholders
                .iter()
                .map(|(n, k)| (n.clone(), Subject::Stakeholder(StakeholderId(*k)))),
        );
    }
    for kind in super::DemandKind::ALL {
        out.push((format!("{kind:?}"), Subject::Demand(kind)));
    }
    out.push(("contractor".into(), Subject::Contractor));
    out.push(("contractors".into(), Subject::Contractor));
    out
}

/// The words that may start an expected event, for hints.
pub fn vocabulary() -> String {
    Happened::ALL
        .iter()
        .map(|h| h.phrase())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses `"<what happened> [<to whom>]"`: the words of a `Happened` (longest first), then
/// optionally an initiative, person, team or stakeholder by id or name (in quotes or not), a
/// demand kind (`FixedPlan`) or `contractor`. Case does not matter.
pub fn parse(
    text: &str,
    raw: &RawScenario,
    table: &NameTable,
) -> Result<ExpectedEvent, (String, Option<String>)> {
    let trimmed = text.trim();
    let lower = trimmed.to_lowercase();
    let happened = Happened::ALL
        .iter()
        .copied()
        .filter(|h| {
            let p = h.phrase();
            lower == p || lower.starts_with(&format!("{p} "))
        })
        .max_by_key(|h| h.phrase().len());
    let Some(happened) = happened else {
        let first = lower.split_whitespace().next().unwrap_or_default();
        let hint = nearest(first, Happened::ALL.iter().map(|h| h.phrase()))
            .unwrap_or_else(|| format!("start with one of: {}", vocabulary()));
        return Err((
            format!(
                "`{}` does not start with an event the log records",
                super::input::shorten(trimmed, 60)
            ),
            Some(hint),
        ));
    };
    let rest = trimmed[happened.phrase().len()..].trim();
    let rest = rest
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(rest)
        .trim();
    if rest.is_empty() {
        return Ok(ExpectedEvent {
            text: trimmed.to_string(),
            happened,
            about: None,
        });
    }
    let known = subjects(raw, table);
    let found = known.iter().find(|(name, _)| name == rest).or_else(|| {
        known
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(rest))
    });
    match found {
        Some((_, who)) => Ok(ExpectedEvent {
            text: trimmed.to_string(),
            happened,
            about: Some(*who),
        }),
        None => Err((
            format!(
                "`{}` after \"{}\" is not an initiative, person, team, stakeholder or demand kind of this scenario",
                super::input::shorten(rest, 60),
                happened.phrase()
            ),
            Some(nearest(rest, known.iter().map(|(n, _)| n.as_str())).unwrap_or_else(|| {
                format!(
                    "write \"{}\" alone for any, or follow it with an id or name from this file",
                    happened.phrase()
                )
            })),
        )),
    }
}
