//! Whole-file checks made while resolving: events that can never fire, dependency cycles, and text that must print as what it says.

use super::*;

/// Scripted events that can never take effect: a change to nothing, or a second resignation of
/// someone already gone.
pub(crate) fn warn_dead_events(c: &mut Checker, raw: &RawScenario, events: &[ScriptedEvent]) {
    let mut resigned: BTreeMap<u32, u32> = BTreeMap::new();
    let mut order: Vec<&ScriptedEvent> = events.iter().collect();
    order.sort_by_key(|e| (e.week, e.index));
    let mut heat = raw.market.heat;
    for e in order {
        let path = format!("scripted_events[{}].event", e.index);
        let none = |c: &mut Checker, what: &str| {
            c.warn(
                &path,
                format!("this event can never have an effect: {what}"),
                Some("change its value or remove it".into()),
            );
        };
        match &e.kind {
            EventKind::BudgetCut { fraction } if *fraction <= 0.0 => none(c, "a cut of 0"),
            EventKind::MarketShock { value_fit } if *value_fit == 0.0 => {
                none(c, "a shock of 0 value fit");
            }
            EventKind::MarketHeat { heat: h } => {
                if (*h - heat).abs() < 1e-12 {
                    none(c, "the market heat is already that value");
                }
                heat = *h;
            }
            EventKind::Resignation { person } => {
                if let Some(first) = resigned.get(&person.0) {
                    c.warn(
                        &path,
                        format!(
                            "this person already resigns in week {first}; a second resignation \
                             can never fire"
                        ),
                        Some("remove one of the two events".into()),
                    );
                } else {
                    resigned.insert(person.0, e.week);
                }
            }
            _ => {}
        }
    }
}

/// Teams that wait on each other in a ring (A needs B, B needs A) can stall each other's work
/// indefinitely; each cycle is reported once, at the dependency that closes it.
pub(crate) fn check_cycles(c: &mut Checker, initiatives: &[InitiativeDef], raw: &RawScenario) {
    let n = raw.teams.len();
    // edges[a] = (b, initiative index, dep index): a team-a initiative needs team b.
    let mut edges: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); n];
    for it in initiatives {
        for (di, d) in it.deps.iter().enumerate() {
            let (a, b) = (it.team.0 as usize, d.provider.0 as usize);
            if a < n && b < n && a != b && !edges[a].iter().any(|e| e.0 == b) {
                edges[a].push((b, it.id.0 as usize, di));
            }
        }
    }
    // Depth-first search with colours; a grey target closes a cycle.
    let mut colour = vec![0u8; n];
    let mut stack: Vec<usize> = Vec::new();
    fn visit(
        v: usize,
        edges: &[Vec<(usize, usize, usize)>],
        colour: &mut [u8],
        stack: &mut Vec<usize>,
        found: &mut Vec<(Vec<usize>, usize, usize)>,
    ) {
        colour[v] = 1;
        stack.push(v);
        for &(w, ii, di) in &edges[v] {
            if colour[w] == 1 {
                let from = stack.iter().position(|&x| x == w).unwrap_or(0);
                let mut ring = stack[from..].to_vec();
                ring.push(w);
                found.push((ring, ii, di));
            } else if colour[w] == 0 {
                visit(w, edges, colour, stack, found);
            }
        }
        stack.pop();
        colour[v] = 2;
    }
    let mut found = Vec::new();
    for v in 0..n {
        if colour[v] == 0 {
            visit(v, &edges, &mut colour, &mut stack, &mut found);
        }
    }
    for (ring, ii, di) in found {
        let names: Vec<&str> = ring.iter().map(|&t| raw.teams[t].id.as_str()).collect();
        c.error(
            &format!("initiatives[{ii}].deps[{di}].provider"),
            format!("dependency cycle: {}", names.join(" → ")),
            Some(
                "teams that wait on each other can stall for good; move the shared work to one \
                 team (or a platform team) so dependencies run one way"
                    .into(),
            ),
        );
    }
}

/// Text from the file must print as what it says: no control characters anywhere (line breaks
/// and tabs are allowed in long texts), no characters that reorder or hide text, and ids and
/// names on one line.
pub(crate) fn check_strings(c: &mut Checker, raw: &RawScenario) {
    fn walk(c: &mut Checker, path: &str, key: &str, v: &serde_json::Value) {
        match v {
            serde_json::Value::String(s) => {
                let one_line = matches!(key, "id" | "name" | "title" | "team" | "person");
                let bad = s.chars().find(|&ch| {
                    input::is_unsafe_char(ch) && (one_line || !matches!(ch, '\n' | '\t' | '\r'))
                });
                if let Some(ch) = bad {
                    let shown = input::escape(&ch.to_string()).into_owned();
                    c.error(
                        path,
                        format!("text contains the invisible or control character {shown}"),
                        Some(if one_line && matches!(ch, '\n' | '\t' | '\r') {
                            "ids and names are one line of plain text".into()
                        } else {
                            "delete it; such characters can hide or reorder what the text shows"
                                .into()
                        }),
                    );
                }
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(c, &format!("{path}[{i}]"), key, item);
                }
            }
            serde_json::Value::Object(fields) => {
                for (k, item) in fields {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(c, &p, k, item);
                }
            }
            _ => {}
        }
    }
    if let Ok(v) = serde_json::to_value(raw) {
        walk(c, "", "", &v);
    }
}
