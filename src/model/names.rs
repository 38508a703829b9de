//! Ids written as names: scenario test plans say `OneOnOne(person: "Ana")`, not `person: 3`.
//!
//! Serde has no way to pass context into `Deserialize`, so while a scenario's plans are parsed
//! the loader installs a name table for the current thread (`with_names`). Outside that scope a
//! string id must be a number in quotes (JSON map keys), anything else is refused.

use std::cell::RefCell;
use std::collections::BTreeMap;

/// The kinds of named things an id can refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum IdKind {
    Team,
    Person,
    Initiative,
    Dependency,
    Stakeholder,
    Product,
    Demand,
}

impl IdKind {
    pub fn label(self) -> &'static str {
        match self {
            IdKind::Team => "team",
            IdKind::Person => "person",
            IdKind::Initiative => "initiative",
            IdKind::Dependency => "dependency",
            IdKind::Stakeholder => "stakeholder",
            IdKind::Product => "product",
            IdKind::Demand => "demand",
        }
    }
}

/// Names → numeric ids, per kind.
#[derive(Clone, Debug, Default)]
pub struct NameTable {
    pub names: BTreeMap<IdKind, BTreeMap<String, u32>>,
}

thread_local! {
    static NAMES: RefCell<Option<NameTable>> = const { RefCell::new(None) };
}

/// Runs `f` with `table` installed for name lookups on this thread.
pub fn with_names<R>(table: NameTable, f: impl FnOnce() -> R) -> R {
    struct Reset(Option<NameTable>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let previous = self.0.take();
            NAMES.with(|n| *n.borrow_mut() = previous);
        }
    }
    let previous = NAMES.with(|n| n.borrow_mut().replace(table));
    let _reset = Reset(previous);
    f()
}

/// Looks a name up in the installed table; the error is the message a trainer reads.
pub fn lookup(kind: IdKind, name: &str) -> Result<u32, String> {
    NAMES.with(|n| {
        let n = n.borrow();
        let Some(table) = n.as_ref() else {
            // JSON writes map keys as strings: `"3"` is id 3.
            if let Ok(id) = name.parse::<u32>() {
                return Ok(id);
            }
            return Err(format!(
                "{} \"{name}\" given by name where a number was expected",
                kind.label()
            ));
        };
        let known = table.names.get(&kind);
        if let Some(id) = known.and_then(|m| m.get(name)) {
            return Ok(*id);
        }
        let hint = known
            .and_then(|m| nearest(name, m.keys().map(String::as_str)))
            .unwrap_or_else(|| format!("no {} has that id", kind.label()));
        Err(format!("unknown {} \"{name}\" ({hint})", kind.label()))
    })
}

/// Nearest known name, for "did you mean" hints.
pub fn nearest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    nearest_name(name, known).map(|k| format!("did you mean \"{k}\"?"))
}

/// The known name closest to `name`, if it is close enough to be a misspelling.
///
/// Suggestions are hints, so their cost is bounded: names longer than `MAX_SUGGESTED_CHARS`
/// get none, and a thread's budget of edit-distance cells (`with_suggestion_budget`) caps the
/// work a hostile file with thousands of unknown names can cause.
pub fn nearest_name<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let n = name.chars().count();
    if n > MAX_SUGGESTED_CHARS {
        return None;
    }
    let mut best: Option<(usize, &'a str)> = None;
    for k in known {
        let m = k.chars().count();
        let limit = (m.max(n) / 2).max(2);
        // The edit distance is at least the difference in length.
        if m > MAX_SUGGESTED_CHARS || m.abs_diff(n) > limit {
            continue;
        }
        let cells = ((n + 1) * (m + 1)) as u64;
        let affordable = SUGGESTION_CELLS.with(|b| {
            let left = b.get();
            b.set(left.saturating_sub(cells));
            left >= cells
        });
        if !affordable {
            break;
        }
        let d = levenshtein(name, k);
        if d <= limit && best.is_none_or(|b| (d, k) < b) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

/// Names longer than this get no "did you mean" hint.
pub const MAX_SUGGESTED_CHARS: usize = 64;

thread_local! {
    static SUGGESTION_CELLS: std::cell::Cell<u64> = const { std::cell::Cell::new(u64::MAX) };
}

/// Runs `f` with at most `cells` edit-distance cells for suggestions on this thread (the
/// loader gives each file a budget that costs well under a second).
pub fn with_suggestion_budget<R>(cells: u64, f: impl FnOnce() -> R) -> R {
    struct Reset(u64);
    impl Drop for Reset {
        fn drop(&mut self) {
            SUGGESTION_CELLS.with(|b| b.set(self.0));
        }
    }
    let previous = SUGGESTION_CELLS.with(|b| b.replace(cells));
    let _reset = Reset(previous);
    f()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Serde visitor shared by every id type: a number, or a name resolved through the table.
pub struct IdVisitor(pub IdKind);

impl<'de> serde::de::Visitor<'de> for IdVisitor {
    type Value = u32;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a {} id (its \"name\" or a number)", self.0.label())
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<u32, E> {
        u32::try_from(v).map_err(|_| E::custom(format!("{} id {v} is too large", self.0.label())))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<u32, E> {
        u32::try_from(v).map_err(|_| E::custom(format!("{} id {v} is not valid", self.0.label())))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<u32, E> {
        lookup(self.0, v).map_err(E::custom)
    }
    // Ids serialize as newtype structs (`TeamId(3)` in RON); accept that form too.
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, d: D) -> Result<u32, D::Error> {
        d.deserialize_any(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_only_inside_a_table() {
        assert!(lookup(IdKind::Team, "core").is_err());
        let mut t = NameTable::default();
        t.names
            .entry(IdKind::Team)
            .or_default()
            .insert("core".into(), 2);
        with_names(t, || {
            assert_eq!(lookup(IdKind::Team, "core"), Ok(2));
            let e = lookup(IdKind::Team, "kore").unwrap_err();
            assert!(e.contains("did you mean \"core\""), "{e}");
            assert!(lookup(IdKind::Person, "core").is_err());
        });
        assert!(lookup(IdKind::Team, "core").is_err());
        assert_eq!(lookup(IdKind::Person, "7"), Ok(7));
    }
}
