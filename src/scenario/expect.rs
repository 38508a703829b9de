//! A test plan's expected events (`expect: (events: ["shipped onboarding", "resigned Ana"])`):
//! parsed at load into what must happen and to whom, and matched against the typed record of a
//! run's log (`LogEntry::happened` and `about`), never against the wording of a log line.

use serde::Serialize;

use super::RawScenario;
use crate::model::happened::{Happened, LogEntry, Subject};
use crate::model::names::{IdKind, NameTable, nearest};
use crate::model::{InitiativeId, PersonId, StakeholderId, TeamId};

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
        // A bare name ("contractor", "Ana") says to whom but not what: suggest an event that
        // names it. Otherwise compare the whole text with each phrase, then its phrase-long
        // start, then its first word.
        let who_only = subjects(raw, table)
            .into_iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(trimmed))
            .and_then(|(_, who)| Happened::ALL.iter().find(|h| h.carries(&who)).copied())
            .map(|h| format!("did you mean \"{} {trimmed}\"?", h.phrase()));
        let start = |p: &str| lower.chars().take(p.chars().count()).collect::<String>();
        let by_start = Happened::ALL
            .iter()
            .map(|h| h.phrase())
            .filter(|p| crate::model::names::nearest_name(&start(p), std::iter::once(*p)).is_some())
            .max_by_key(|p| p.len())
            .map(|p| format!("did you mean \"{p}\"?"));
        let first = lower.split_whitespace().next().unwrap_or_default();
        let hint = who_only
            .or_else(|| nearest(&lower, Happened::ALL.iter().map(|h| h.phrase())))
            .or(by_start)
            .or_else(|| nearest(first, Happened::ALL.iter().map(|h| h.phrase())))
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
    let exact: Vec<Subject> = known
        .iter()
        .filter(|(n, _)| n == rest)
        .map(|(_, s)| *s)
        .collect();
    let named: Vec<Subject> = if exact.is_empty() {
        known
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(rest))
            .map(|(_, s)| *s)
            .collect()
    } else {
        exact
    };
    // A name can be both a team and an initiative: take the one this event can name.
    if let Some(who) = named.iter().find(|w| happened.carries(w)) {
        return Ok(ExpectedEvent {
            text: trimmed.to_string(),
            happened,
            about: Some(*who),
        });
    }
    let shown = super::input::shorten(rest, 60);
    if let Some(who) = named.first() {
        return Err((
            format!(
                "`{shown}` is {}, but a \"{}\" line names {}",
                who.kind_label(),
                happened.phrase(),
                happened.carries_text()
            ),
            Some(format!(
                "write \"{}\" alone for any, or name {}",
                happened.phrase(),
                happened.carries_text()
            )),
        ));
    }
    let candidates = known
        .iter()
        .filter(|(_, s)| happened.carries(s))
        .map(|(n, _)| n.as_str());
    Err((
        format!(
            "`{shown}` after \"{}\" is not an initiative, person, team, stakeholder, demand kind \
             or contractor of this scenario",
            happened.phrase()
        ),
        Some(nearest(rest, candidates).unwrap_or_else(|| {
            format!(
                "write \"{}\" alone for any, or name {} from this file",
                happened.phrase(),
                happened.carries_text()
            )
        })),
    ))
}
