//! Scenario content: load a RON file, check it, and resolve string ids into typed ids.
//!
//! Bad input is normal input: every problem becomes a `Diagnostic` naming the file, line:column
//! and field path, with a hint; loading never panics on content.

pub mod expect;
pub mod input;
pub mod locate;
pub mod raw;
pub mod recover;
pub mod reference;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::model::{InitiativeId, PersonId, ProductId, StakeholderId, TeamId};
pub use raw::*;

/// The bots a test plan may name (`policy: "servant"`); `headless::policy_by_name` builds them.
/// Defined here, with the rest of the file's vocabulary, so content does not depend on runners.
pub const POLICY_NAMES: [&str; 7] = [
    "passive",
    "yes-man",
    "crunch",
    "hire-fast",
    "servant",
    "random",
    "caretaker",
];

/// Limits that keep a hostile file harmless.
pub mod limits {
    pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
    pub const MAX_WEEKS: u32 = 104;
    pub const MAX_TEAMS: usize = 50;
    pub const MAX_PEOPLE: usize = 2_000;
    pub const MAX_INITIATIVES: usize = 500;
    pub const MAX_STAKEHOLDERS: usize = 30;
    pub const MAX_PRODUCTS: usize = 10;
    pub const MAX_EVENTS: usize = 500;
    pub const MAX_DEPS: usize = 20;
    /// Test plans in one file.
    pub const MAX_PLANS: usize = 20;
    /// Scripted steps in one plan.
    pub const MAX_STEPS: usize = 500;
    /// Seeds one plan may ask for.
    pub const MAX_PLAN_SEEDS: u32 = 1_000;
    /// What `check` may be asked to simulate for one file: the sum over its plans of seeds ×
    /// weeks × people (about a minute on one core of the 2-core build machine).
    pub const MAX_PLAN_WORK: u64 = 1_000_000;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in a scenario file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    /// Field path, e.g. `teams[2].members[0].skills.craft` (empty for file-level problems).
    pub path: String,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}:{}:{}: {sev}: ", self.file, self.line, self.col)?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

/// A resolved team.
#[derive(Clone, Debug)]
pub struct TeamDef {
    pub id: TeamId,
    pub raw: RawTeam,
    pub service_share: f64,
    pub assimilation_tau: f64,
}

#[derive(Clone, Debug)]
pub struct PersonDef {
    pub id: PersonId,
    pub team: TeamId,
    pub raw: RawPerson,
    pub skills: RawSkills,
    pub salary_week: f64,
}

#[derive(Clone, Debug)]
pub struct DepDef {
    pub provider: TeamId,
    pub work: f64,
    pub distributed: bool,
}

#[derive(Clone, Debug)]
pub struct InitiativeDef {
    pub id: InitiativeId,
    pub team: TeamId,
    pub product: ProductId,
    pub sponsor: Option<StakeholderId>,
    pub deps: Vec<DepDef>,
    pub raw: RawInitiative,
}

#[derive(Clone, Debug)]
pub enum EventKind {
    Demand {
        from: StakeholderId,
        kind: DemandKind,
        team: TeamId,
        intensity: f64,
    },
    BudgetCut {
        fraction: f64,
    },
    MarketShock {
        value_fit: f64,
    },
    Resignation {
        person: PersonId,
    },
    MarketHeat {
        heat: f64,
    },
}

#[derive(Clone, Debug)]
pub struct ScriptedEvent {
    /// Position in the file's `scripted_events` (for findings that name the event).
    pub index: usize,
    pub week: u32,
    pub kind: EventKind,
}

/// A resolved test plan: its scripted actions carry typed ids.
#[derive(Clone, Debug)]
pub struct PlanDef {
    pub name: String,
    pub description: String,
    pub policy: String,
    pub respond: Option<crate::model::action::Response>,
    /// (week, action), in file order.
    pub steps: Vec<(u32, crate::model::action::Action)>,
    pub seeds: u32,
    pub expect: RawExpect,
    /// `expect.events`, resolved: what must happen and to whom.
    pub events: Vec<expect::ExpectedEvent>,
}

#[derive(Clone, Debug)]
pub struct ObjectiveDef {
    pub metric: Metric,
    pub product: ProductId,
    pub baseline: Option<f64>,
    pub target: f64,
    pub weight: f64,
}

/// Parses one action written in RON, with the scenario's names for ids:
/// `OneOnOne(person: "ana")`. Errors read like ron's, with the nearest name where one is close.
pub fn parse_action(sc: &Scenario, text: &str) -> Result<crate::model::action::Action, String> {
    let opts = ron::Options::default()
        .with_recursion_limit(32)
        .with_default_extension(ron::extensions::Extensions::UNWRAP_NEWTYPES);
    crate::model::names::with_names(sc.names.clone(), || {
        opts.from_str::<crate::model::action::Action>(text)
    })
    .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))
}

/// A scenario ready to spawn: ids resolved, ranges checked.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub file: String,
    /// FNV-1a hash of the file's bytes: recorded in logs and reports.
    pub content_hash: u64,
    pub raw: RawScenario,
    /// Field path → line:column in the file (empty for scenarios built in code), for findings
    /// made after loading (`headless::lint`).
    pub positions: locate::Positions,
    pub teams: Vec<TeamDef>,
    pub people: Vec<PersonDef>,
    pub initiatives: Vec<InitiativeDef>,
    pub events: Vec<ScriptedEvent>,
    pub objectives: Vec<ObjectiveDef>,
    pub plans: Vec<PlanDef>,
    pub stakeholder_keys: Vec<String>,
    /// Scenario ids → numeric ids, for actions written with names (plans, `whatif --add`).
    pub names: crate::model::names::NameTable,
    pub warnings: Vec<Diagnostic>,
}

impl Scenario {
    pub fn weeks(&self) -> u32 {
        self.raw.weeks
    }
}

/// FNV-1a 64: a stable content hash (never std's `DefaultHasher`, which is not stable).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn file_error(file: &str, message: impl Into<String>, hint: Option<&str>) -> Vec<Diagnostic> {
    vec![Diagnostic {
        file: file.to_string(),
        line: 1,
        col: 1,
        severity: Severity::Error,
        path: String::new(),
        message: message.into(),
        hint: hint.map(str::to_string),
    }]
}

/// Reads a scenario file's bytes: a regular file within the size limit (`input::read_limited`).
pub fn read_source(path: &Path) -> Result<Vec<u8>, input::ReadError> {
    input::read_limited(path, limits::MAX_FILE_BYTES)
}

/// Reads and resolves a scenario file. Errors are every problem found, not just the first.
pub fn load(path: &Path) -> Result<Scenario, Vec<Diagnostic>> {
    let file = path.display().to_string();
    let bytes = read_source(path)
        .map_err(|e| sanitized(file_error(&file, e.message, e.hint.as_deref())))?;
    parse(&file, &bytes)
}

/// Parses scenario bytes (the file name is only used in messages).
///
/// Every string from the file that a diagnostic echoes is escaped (`input::escape`), so one
/// diagnostic is always one line, in text and in JSON.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Scenario, Vec<Diagnostic>> {
    // "Did you mean" hints share a bounded budget per file: 10 million edit-distance cells, a
    // few milliseconds in a release build; an ordinary file with a dozen typos uses under 1 %.
    let parsed =
        crate::model::names::with_suggestion_budget(10_000_000, || parse_unsanitized(file, bytes));
    match parsed {
        Ok(mut sc) => {
            sc.warnings = sanitized(std::mem::take(&mut sc.warnings));
            Ok(sc)
        }
        Err(d) => Err(sanitized(d)),
    }
}

/// Escapes every field of every diagnostic (see `input::escape`).
fn sanitized(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let clean = |s: &str| input::escape(s).into_owned();
    diagnostics
        .into_iter()
        .map(|d| Diagnostic {
            file: clean(&d.file),
            path: clean(&d.path),
            message: clean(&d.message),
            hint: d.hint.as_deref().map(clean),
            ..d
        })
        .collect()
}

fn parse_unsanitized(file: &str, bytes: &[u8]) -> Result<Scenario, Vec<Diagnostic>> {
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(file_error(
            file,
            format!("input is larger than {} bytes", limits::MAX_FILE_BYTES),
            None,
        ));
    }
    if let Some(enc) = input::wide_encoding(bytes) {
        return Err(file_error(
            file,
            format!("file is {} text; scenarios are read as UTF-8", enc.name()),
            Some("save the file as UTF-8 (in Notepad: Save as, Encoding: UTF-8)"),
        ));
    }
    let bytes = input::strip_bom(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(file_error(
            file,
            "file is empty",
            Some("start from the minimal scenario in scenarios/README.md"),
        ));
    }
    if bytes.contains(&0) {
        return Err(file_error(
            file,
            "file is binary (contains NUL bytes), not RON text",
            None,
        ));
    }
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            return Err(vec![Diagnostic {
                file: file.to_string(),
                line,
                col,
                severity: Severity::Error,
                path: String::new(),
                message: "file is not valid UTF-8 text".into(),
                hint: Some("save the file as UTF-8".into()),
            }]);
        }
    };
    let (positions, structure) = locate::scan(src);
    if let Some(problem) = structure {
        return Err(vec![structure_error(file, &positions, &problem)]);
    }
    // Implicit `Some`: trainers write `deadline_week: 12`, not `deadline_week: Some(12)`.
    let opts = ron::Options::default()
        .with_recursion_limit(locate::MAX_NESTING + 8)
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    // Parse, and after each field-level error patch the text and parse again (`recover`), so
    // every unknown field, wrong type and misspelt variant is reported in one go.
    let mut chars: Vec<char> = src.chars().collect();
    let mut syntax: Vec<Diagnostic> = Vec::new();
    // Paths whose value was patched: later semantic errors there would only echo the patch.
    let mut patched: Vec<String> = Vec::new();
    // Patches that made a line longer: (line, column after the patch, extra characters), so
    // positions RON reports in the patched text map back to the trainer's file.
    let mut shifts: Vec<(usize, usize, usize)> = Vec::new();
    let mut last_pos = (0, 0);
    let raw: Option<RawScenario> = loop {
        let text: String = chars.iter().collect();
        let e = match opts.from_str::<RawScenario>(&text) {
            Ok(r) => break Some(r),
            Err(e) => e,
        };
        // ron often reports the blank before a value; point at the value itself.
        let patched_pos = recover::skip_blanks(&chars, (e.span.start.line, e.span.start.col));
        let pos = recover::unshift(&shifts, patched_pos);
        let at = recover::index_of(&chars, patched_pos.0, patched_pos.1);
        let (mut message, mut hint) = describe(&e.code);
        let mut path = positions.path_at(pos);
        let mut shown = pos;
        // A missing field is reported where its struct closes: name the struct that lacks it.
        if matches!(e.code, ron::Error::MissingStructField { .. })
            && let Some((struct_path, opened)) = positions.struct_at(pos)
        {
            path = struct_path;
            shown = opened;
        }
        // `weeks: 12.0` in a whole-number field: ron stops at the `.` asking for a comma.
        let decimal = matches!(e.code, ron::Error::ExpectedComma)
            && at.is_some_and(|i| recover::is_decimal_point(&chars, i));
        if decimal {
            message = "expected a whole number, found a decimal".into();
            hint = Some("drop the decimal part, e.g. 12 instead of 12.0".into());
        }
        // `wekes: 12` was reported with "did you mean weeks?"; that `weeks` is then missing
        // says the same thing again.
        if let ron::Error::MissingStructField { field, .. } = &e.code {
            let suggestion = format!("did you mean \"{field}\"?");
            if syntax.iter().any(|d| {
                d.message.starts_with("unknown field") && d.hint.as_deref() == Some(&suggestion)
            }) {
                break None;
            }
        }
        syntax.push(Diagnostic {
            file: file.to_string(),
            line: shown.0,
            col: shown.1,
            severity: Severity::Error,
            path: path.clone(),
            message,
            hint,
        });
        // Give up on syntax errors, on no progress, and after a bounded number of patches.
        if patched_pos <= last_pos || syntax.len() >= 50 {
            break None;
        }
        last_pos = patched_pos;
        let fixed = at.and_then(|i| recover::patch(&mut chars, i, &e.code, decimal));
        match fixed {
            Some(extra) => {
                if extra > 0 {
                    shifts.push((patched_pos.0, patched_pos.1, extra));
                }
            }
            None => break None,
        }
        patched.push(path);
    };
    let Some(raw) = raw else {
        syntax.sort_by_key(|d| (d.line, d.col));
        return Err(syntax);
    };
    let resolved = resolve(file, src, raw, &positions, true);
    if syntax.is_empty() {
        return resolved;
    }
    // Add what the semantic checks found elsewhere in the patched file.
    let semantic = match resolved {
        Ok(sc) => sc.warnings,
        Err(d) => d,
    };
    syntax.extend(semantic.into_iter().filter(|d| {
        !patched
            .iter()
            .any(|p| !p.is_empty() && (d.path == *p || d.path.starts_with(&format!("{p}."))))
    }));
    syntax.sort_by_key(|d| (d.line, d.col));
    Err(syntax)
}

/// The diagnostic for a structural problem found before parsing (`locate::scan`).
fn structure_error(
    file: &str,
    positions: &locate::Positions,
    problem: &locate::Structure,
) -> Diagnostic {
    use locate::Structure as S;
    let (pos, message, hint) = match *problem {
        S::TooDeep { depth, at } => (
            at,
            format!(
                "values are nested {depth} levels deep; the limit is {}",
                locate::MAX_NESTING
            ),
            "a scenario nests about seven levels; look for brackets opened and never closed"
                .to_string(),
        ),
        S::Unclosed {
            open,
            opened,
            noticed,
            found,
        } => {
            let close = match open {
                '(' => ')',
                '[' => ']',
                _ => '}',
            };
            let noticed_how = match found {
                Some(c) => format!(
                    "noticed at {}:{}, where `{c}` appears",
                    noticed.0, noticed.1
                ),
                None => "noticed at the end of the file".to_string(),
            };
            (
                opened,
                format!(
                    "the `{open}` opened at {}:{} is not closed ({noticed_how})",
                    opened.0, opened.1
                ),
                format!("add the missing `{close}` where this value ends"),
            )
        }
        S::Unopened { close, at } => (
            at,
            format!("`{close}` at {}:{} closes nothing that is open", at.0, at.1),
            "remove it, or add the opening bracket it belongs to".to_string(),
        ),
        S::UnterminatedString {
            likely: Some(likely),
            ..
        } => (
            likely,
            format!(
                "a text in double quotes is never closed; the first one that runs past the end \
                 of its line starts at {}:{}",
                likely.0, likely.1
            ),
            "end it with \" (write \\\" for a quote inside a text)".to_string(),
        ),
        S::UnterminatedString { opened, .. } => (
            opened,
            format!(
                "the text in double quotes that starts at {}:{} is never closed",
                opened.0, opened.1
            ),
            "end it with \" (write \\\" for a quote inside a text)".to_string(),
        ),
    };
    Diagnostic {
        file: file.to_string(),
        line: pos.0,
        col: pos.1,
        severity: Severity::Error,
        path: positions.path_at(pos),
        message,
        hint: Some(hint),
    }
}

/// A trainer-facing message and hint for a RON/serde error.
fn describe(code: &ron::Error) -> (String, Option<String>) {
    match code {
        ron::Error::NoSuchStructField {
            expected, found, ..
        } => (
            format!("unknown field `{found}`"),
            Some(
                nearest(found, expected.iter().copied())
                    .unwrap_or_else(|| format!("known fields here: {}", expected.join(", "))),
            ),
        ),
        ron::Error::NoSuchEnumVariant {
            expected, found, ..
        } => (
            format!("unknown value `{found}`"),
            Some(
                nearest(found, expected.iter().copied())
                    .unwrap_or_else(|| format!("one of: {}", expected.join(", "))),
            ),
        ),
        ron::Error::MissingStructField { field, outer } => (
            match outer.as_deref() {
                Some("Scenario") => format!("missing required field `{field}` in this scenario"),
                Some(o) if o.starts_with("Raw") => {
                    format!("missing required field `{field}` in this {}", kind_name(o))
                }
                Some(o) => format!("missing required field `{field}` in {}", kind_name(o)),
                None => format!("missing required field `{field}`"),
            },
            Some(format!(
                "add `{field}: ...` (see scenarios/README.md for its type)"
            )),
        ),
        ron::Error::DuplicateStructField { field, .. } => (
            format!("field `{field}` is given twice"),
            Some("keep one of them".into()),
        ),
        ron::Error::ExpectedInteger => (
            "expected a whole number".into(),
            Some("write digits without quotes or a decimal point, e.g. 12".into()),
        ),
        ron::Error::ExpectedFloat => (
            "expected a number".into(),
            Some("write digits without quotes, e.g. 0.5".into()),
        ),
        ron::Error::ExpectedString => (
            "expected text in double quotes".into(),
            Some("e.g. \"checkout\"".into()),
        ),
        ron::Error::ExpectedBoolean => ("expected true or false".into(), None),
        ron::Error::IntegerOutOfBounds => (
            "whole number out of range for this field".into(),
            Some(
                "whole-number fields take 0 or more (no minus sign); see the field's range".into(),
            ),
        ),
        ron::Error::ExpectedIdentifier => (
            "expected a name without quotes".into(),
            Some("choices such as Smb, Platform or Shield are written without quotes".into()),
        ),
        ron::Error::InvalidIdentifier(name) | ron::Error::SuggestRawIdentifier(name) => (
            format!("`{}` is not a valid name", input::shorten(name, 40)),
            Some("names use letters, digits and _ only, e.g. tenure_weeks".into()),
        ),
        ron::Error::InvalidIntegerDigit { digit, .. } => (
            format!("expected a whole number, found `{digit}` in it"),
            Some("write plain digits, e.g. 1000 rather than 1e3".into()),
        ),
        ron::Error::ExpectedDifferentStructName { expected, found } => (
            format!(
                "expected `{expected}(`, found `{}(`",
                input::shorten(found, 40)
            ),
            Some(format!("write {expected}( … ) or just ( … )")),
        ),
        ron::Error::ExpectedNamedStructLike(name) => (
            format!("expected a {} in brackets ( … )", kind_name(name)),
            Some("values with fields are written (field: value, ...)".into()),
        ),
        ron::Error::ExpectedStructLike => (
            "expected a value in brackets ( … )".into(),
            Some(
                "values with fields are written (field: value, ...); a band is (low, high)".into(),
            ),
        ),
        ron::Error::InvalidValueForType { expected, found } => {
            let hint = if found.contains("unit") || found.contains("identifier") {
                "names and other texts are written in double quotes, e.g. person: \"Ana\""
            } else {
                "check the value's type (numbers, \"texts\", [lists], (groups))"
            };
            (
                format!(
                    "expected {}, found {}",
                    without_internal_names(expected),
                    input::shorten(found, 60)
                ),
                Some(hint.into()),
            )
        }
        ron::Error::ExpectedStructLikeEnd => (
            "expected `,` or a closing `)` here".into(),
            Some("fields are separated by commas; check for a missing comma or `)`".into()),
        ),
        ron::Error::ExpectedArrayEnd => (
            "expected `,` or a closing `]` here".into(),
            Some("list items are separated by commas; check for a missing comma or `]`".into()),
        ),
        ron::Error::ExpectedComma => (
            "expected a comma here".into(),
            Some("fields and list items are separated by commas".into()),
        ),
        ron::Error::ExpectedStringEnd => (
            "a text in double quotes is not closed".into(),
            Some("end it with \" (write \\\" for a quote inside a text)".into()),
        ),
        ron::Error::ExceededRecursionLimit => (
            format!(
                "values are nested too deeply (the limit is {} levels)",
                locate::MAX_NESTING
            ),
            None,
        ),
        ron::Error::TrailingCharacters => (
            "unexpected text after the end of the scenario".into(),
            Some("the file is one Scenario( … ); check for an extra `)` or text after it".into()),
        ),
        ron::Error::Eof => (
            "the file ends early".into(),
            Some("check for a missing `)` or `]`".into()),
        ),
        other => {
            let text = other.to_string();
            let hint = ron_hint(other);
            (without_internal_names(&text), hint)
        }
    }
}

/// A trainer's word for a file-format type such as `RawTeam` or `RawPlan`; an action's or an
/// event's own name (`SetWipLimit`) is kept as written in the file.
fn kind_name(type_name: &str) -> String {
    let Some(bare) = type_name.strip_prefix("Raw") else {
        return format!("`{type_name}`");
    };
    let mut out = String::new();
    for (i, ch) in bare.chars().enumerate() {
        if ch.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(ch.to_lowercase());
    }
    if out.is_empty() { "value".into() } else { out }
}

/// A RON message with its Rust type names (`RawTeam`) replaced by a trainer's words.
fn without_internal_names(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(k) = rest.find("Raw") {
        out.push_str(&rest[..k]);
        let tail = &rest[k..];
        let end = tail
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(tail.len(), |(e, _)| e);
        out.push_str(&kind_name(&tail[..end]));
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Resolves a scenario built in code (generated orgs for benchmarks and tests).
///
/// `enforce_limits = false` lifts the size limits that protect against hostile files, so a
/// benchmark can build a 5,000-person org; every other check still applies.
pub fn from_raw(
    name: &str,
    raw: RawScenario,
    enforce_limits: bool,
) -> Result<Scenario, Vec<Diagnostic>> {
    let src = ron::ser::to_string(&raw).unwrap_or_default();
    resolve(
        name,
        &src,
        raw,
        &locate::Positions::default(),
        enforce_limits,
    )
}

fn ron_hint(code: &ron::Error) -> Option<String> {
    let s = code.to_string();
    if s.contains("Unexpected field")
        || s.contains("unknown field")
        || s.contains("Unexpected") && s.contains("field")
    {
        Some("check the spelling against scenarios/README.md".into())
    } else if s.contains("Expected") || s.contains("expected") {
        Some("check the value's type (numbers, \"strings\", [lists], (structs))".into())
    } else if s.contains("EOF") || s.contains("end of") {
        Some("the file ends early: check for a missing ')' or ']'".into())
    } else {
        None
    }
}

struct Checker<'a> {
    file: &'a str,
    src: &'a str,
    positions: &'a locate::Positions,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn push(&mut self, severity: Severity, path: &str, message: String, hint: Option<String>) {
        let (line, col) = locate::position_of(self.positions, path);
        self.out.push(Diagnostic {
            file: self.file.into(),
            line,
            col,
            severity,
            path: path.into(),
            message,
            hint,
        });
    }
    fn error(&mut self, path: &str, message: impl Into<String>, hint: Option<String>) {
        self.push(Severity::Error, path, message.into(), hint);
    }
    fn warn(&mut self, path: &str, message: impl Into<String>, hint: Option<String>) {
        self.push(Severity::Warning, path, message.into(), hint);
    }
    fn range(&mut self, path: &str, v: f64, lo: f64, hi: f64) {
        if !v.is_finite() || v < lo || v > hi {
            let v = input::number(v);
            self.error(path, format!("value {v} is out of range {lo}..={hi}"), None);
        }
    }
    /// A week number that must fall inside the scenario (1..=weeks).
    fn week(&mut self, path: &str, week: u32, weeks: u32) {
        if week == 0 || week > weeks {
            self.error(
                path,
                format!("week {week} is outside the scenario (1..={weeks})"),
                None,
            );
        }
    }
    fn count(&mut self, path: &str, n: usize, max: usize) {
        if n > max {
            self.error(
                path,
                format!("{n} entries; the limit is {max}"),
                Some("limits keep scenarios playable".into()),
            );
        }
    }
}

pub use crate::model::names::nearest;

fn index_of(keys: &BTreeMap<String, u32>, key: &str) -> Option<u32> {
    keys.get(key).copied()
}

fn check_skills(c: &mut Checker, path: &str, s: &RawSkills) {
    for (name, v) in [
        ("soft", s.soft),
        ("team_dev", s.team_dev),
        ("domain", s.domain),
        ("craft", s.craft),
    ] {
        c.range(&format!("{path}.{name}"), v, 0.0, 100.0);
    }
}

/// The accepted range of every model parameter: wide enough for experiments, narrow enough that
/// no value can divide by zero or overflow (MODEL.md §13 gives the defaults).
pub const PARAM_RANGES: &[(&str, f64, f64)] = &[
    ("assimilation_a0", 0.05, 1.0),
    ("assimilation_tau", 1.0, 104.0),
    ("onboarding_multiplier", 1.0, 3.0),
    ("training_overhead", 0.0, 1.0),
    ("hire_mean_weeks_employee", 0.5, 52.0),
    ("hire_mean_weeks_contractor", 0.5, 26.0),
    ("hire_gamma_shape", 0.5, 20.0),
    ("recruiting_fee", 0.0, 2.0),
    ("contractor_rate", 0.5, 5.0),
    ("contractor_a_max", 0.1, 1.0),
    ("interview_fte", 0.0, 1.0),
    ("hazard_base", 0.0, 0.1),
    ("hazard_engagement_slope", 0.0, 0.2),
    ("hazard_no_growth", 1.0, 5.0),
    ("hazard_no_one_on_one", 1.0, 5.0),
    ("hazard_new_hire", 0.0, 1.0),
    ("hazard_layoff_survivor", 1.0, 5.0),
    ("notice_weeks", 0.0, 26.0),
    ("notice_productivity", 0.0, 1.0),
    ("departure_debt", 0.0, 20.0),
    ("comm_coeff", 0.0, 0.01),
    ("comm_large_team", 0.0, 0.1),
    ("switch_cost", 0.0, 0.5),
    ("switch_cap", 0.0, 0.9),
    ("status_cap", 0.0, 0.5),
    ("collab_cost", 0.0, 0.5),
    ("f_base", 0.1, 1.0),
    ("beyond_parallel", 0.0, 1.0),
    ("fatigue_slope", 0.0, 0.95),
    ("ops_base", 0.0, 0.5),
    ("ops_debt", 0.0, 0.5),
    ("ops_incident_weight", 0.0, 1.0),
    ("debt_drag", 0.0, 5.0),
    ("ot_response", 0.0, 2.0),
    ("ot_max", 0.0, 0.75),
    ("ot_tolerable_x", 1.0, 100.0),
    ("crunch_ot", 0.0, 0.75),
    ("sustainable_ot", 0.0, 0.5),
    ("pressure_boost", 0.0, 1.0),
    ("pressure_boost_fade_weeks", 0.5, 52.0),
    ("pressure_boost_min", 0.5, 1.0),
    ("pressure_boost_max", 1.0, 2.0),
    ("error_base", 0.0, 0.5),
    ("error_pressure", 0.0, 5.0),
    ("error_fatigue", 0.0, 5.0),
    ("error_new_hire", 0.0, 5.0),
    ("error_debt", 0.0, 10.0),
    ("error_quality", 0.0, 1.0),
    ("latent_defect_debt", 0.0, 1.0),
    ("detect_base", 0.0, 1.0),
    ("detect_quality", 0.0, 1.0),
    ("detect_safety", 0.0, 1.0),
    ("detect_honesty", 0.0, 1.0),
    ("escaped_drain", 0.0, 1.0),
    ("incident_per_escaped", 0.0, 2.0),
    ("incident_per_debt", 0.0, 0.1),
    ("debt_shortcut_gain", 0.0, 20.0),
    ("debt_paydown_gain", 0.0, 20.0),
    ("debt_entropy", 0.0, 5.0),
    ("idea_prior", 0.0, 1.0),
    ("idea_prior_informed", 0.0, 1.0),
    ("experiment_cost", 0.05, 10.0),
    ("discovery_confident", 0.5, 1.0),
    ("kill_threshold", 0.0, 0.5),
    ("max_experiments", 1.0, 10.0),
    ("points_per_idea", 0.5, 50.0),
    ("magnitude_sigma", 0.0, 2.0),
    ("adoption_tau", 0.5, 52.0),
    ("value_fit_drift", 0.0, 5.0),
    ("word_of_mouth", 0.0, 10.0),
    ("dashboard_noise", 0.0, 1.0),
    ("late_decay_weeks", 1.0, 52.0),
    ("ship_quality_per_escaped", 0.0, 1.0),
    ("engagement_tau", 1.0, 104.0),
    ("ps_tau_up", 1.0, 104.0),
    ("ps_tau_down", 1.0, 104.0),
    ("tl_tau_up", 1.0, 104.0),
    ("tl_tau_down", 1.0, 104.0),
    ("exhaustion_gain", 0.0, 100.0),
    ("recovery_base", 0.0, 20.0),
    ("chronic_gain", 0.0, 1.0),
    ("chronic_tau", 1.0, 104.0),
    ("skill_use_rate", 0.0, 0.05),
    ("vest_tau", 1.0, 52.0),
    ("mentoring_gain", 0.0, 50.0),
    ("training_gain", 0.0, 50.0),
    ("vacation_relief", 0.0, 100.0),
    ("demand_rate", 0.0, 5.0),
    ("trust_tau_up", 1.0, 104.0),
    ("trust_tau_down", 1.0, 104.0),
    ("anxiety_tau_up", 1.0, 104.0),
    ("anxiety_tau_down", 1.0, 104.0),
    ("pressure_per_demand", 0.0, 100.0),
    ("pressure_decay", 0.0, 1.0),
    ("pc_regen", 0.0, 1.0),
    ("status_per_obligation", 0.0, 0.25),
    ("status_light", 0.0, 0.25),
    ("demand_response_weeks", 1.0, 8.0),
    ("kingman_variability", 0.0, 5.0),
    ("kingman_variability_xaas", 0.0, 5.0),
    ("congruence_effect", 0.0, 0.9),
    ("distributed_multiplier", 1.0, 10.0),
    ("collab_timebox", 1.0, 52.0),
    ("platform_effect", 0.0, 0.95),
    ("ap_per_week", 1.0, 40.0),
    ("ap_overdraft", 0.0, 10.0),
    ("leader_overdraft_exhaustion", 0.0, 50.0),
    ("quarter_weeks", 1.0, 52.0),
    ("budget_approval_weeks", 0.0, 26.0),
    ("epilogue_weeks", 0.0, 26.0),
];

fn check_params(c: &mut Checker, p: &crate::model::Params) {
    let json = serde_json::to_value(p).unwrap_or_default();
    let Some(map) = json.as_object() else { return };
    for (k, v) in map {
        let x = v.as_f64().unwrap_or(f64::NAN);
        let (lo, hi) = PARAM_RANGES
            .iter()
            .find(|r| r.0 == k)
            .map_or((0.0, 1e6), |r| (r.1, r.2));
        c.range(&format!("params.{k}"), x, lo, hi);
    }
}

fn resolve(
    file: &str,
    src: &str,
    raw: RawScenario,
    positions: &locate::Positions,
    enforce_limits: bool,
) -> Result<Scenario, Vec<Diagnostic>> {
    let mut c = Checker {
        file,
        src,
        positions,
        out: Vec::new(),
    };
    if raw.weeks == 0 || raw.weeks > limits::MAX_WEEKS {
        c.error(
            "weeks",
            format!(
                "value {} is out of range 1..={}",
                raw.weeks,
                limits::MAX_WEEKS
            ),
            None,
        );
    }
    if raw.id.trim().is_empty() {
        c.error("id", "id must not be empty", None);
    }
    if raw.title.trim().is_empty() {
        c.error("title", "title must not be empty", None);
    }
    if !(1..=5).contains(&raw.difficulty) {
        c.error(
            "difficulty",
            format!("value {} is out of range 1..=5", raw.difficulty),
            None,
        );
    }
    check_params(&mut c, &raw.params);
    c.range(
        "leader.political_capital",
        raw.leader.political_capital,
        0.0,
        100.0,
    );
    if let Some(ap) = raw.leader.ap_per_week {
        c.range("leader.ap_per_week", ap, 1.0, 40.0);
    }
    check_skills(&mut c, "leader.skills", &raw.leader.skills);
    c.range("budget.quarter_total", raw.budget.quarter_total, 0.0, 1e10);
    c.range("budget.tooling", raw.budget.tooling, 0.0, 1e9);
    c.range("budget.training", raw.budget.training, 0.0, 1e9);
    c.range("budget.discovery", raw.budget.discovery, 0.0, 1e9);
    c.range(
        "budget.revenue_plan_week",
        raw.budget.revenue_plan_week,
        0.0,
        1e10,
    );
    c.range("market.heat", raw.market.heat, 0.5, 2.0);
    c.range("market.shock_rate", raw.market.shock_rate, 0.0, 1.0);
    let scale = if enforce_limits { 1 } else { 1000 };
    let before_counts = c.out.len();
    c.count("products", raw.products.len(), limits::MAX_PRODUCTS * scale);
    c.count("teams", raw.teams.len(), limits::MAX_TEAMS * scale);
    c.count(
        "initiatives",
        raw.initiatives.len(),
        limits::MAX_INITIATIVES * scale,
    );
    c.count(
        "stakeholders",
        raw.stakeholders.len(),
        limits::MAX_STAKEHOLDERS * scale,
    );
    c.count(
        "scripted_events",
        raw.scripted_events.len(),
        limits::MAX_EVENTS * scale,
    );
    let people_total: usize = raw.teams.iter().map(|t| t.members.len()).sum();
    if people_total > limits::MAX_PEOPLE * scale {
        c.error(
            "teams",
            format!(
                "{people_total} people in all teams; the limit is {}",
                limits::MAX_PEOPLE * scale
            ),
            Some("limits keep scenarios playable".into()),
        );
    }
    count_plan_work(&mut c, &raw, people_total);
    // Past a limit the rest is not checked: the checks below are sized for playable files.
    if enforce_limits && c.out.len() > before_counts {
        return Err(c.out);
    }
    check_strings(&mut c, &raw);
    if raw.products.is_empty() {
        c.error(
            "products",
            "a scenario needs at least one product",
            Some("add products: [ (id: \"app\", ...) ]".into()),
        );
    }
    if raw.teams.is_empty() {
        c.error("teams", "a scenario needs at least one team", None);
    }
    if !c
        .out
        .iter()
        .any(|d| d.severity == Severity::Error && d.message.contains("the limit is"))
    {
        // Only index when the counts are sane.
    } else {
        return Err(c.out);
    }

    // Ids.
    let keys = |what: &str, ids: Vec<&str>, c: &mut Checker| -> BTreeMap<String, u32> {
        let mut m = BTreeMap::new();
        for (i, id) in ids.iter().enumerate() {
            let path = format!("{what}[{i}].id");
            if id.trim().is_empty() {
                c.error(&path, "id must not be empty", None);
            } else if m.insert(id.to_string(), i as u32).is_some() {
                c.error(
                    &path,
                    format!("duplicate id \"{id}\""),
                    Some("ids must be unique within their list".into()),
                );
            }
        }
        m
    };
    let product_keys = keys(
        "products",
        raw.products.iter().map(|p| p.id.as_str()).collect(),
        &mut c,
    );
    let team_keys = keys(
        "teams",
        raw.teams.iter().map(|t| t.id.as_str()).collect(),
        &mut c,
    );
    let initiative_keys = keys(
        "initiatives",
        raw.initiatives.iter().map(|t| t.id.as_str()).collect(),
        &mut c,
    );
    let sh_keys = keys(
        "stakeholders",
        raw.stakeholders.iter().map(|t| t.id.as_str()).collect(),
        &mut c,
    );
    let mut person_keys: BTreeMap<String, u32> = BTreeMap::new();
    let reference = |c: &mut Checker,
                     keys: &BTreeMap<String, u32>,
                     what: &str,
                     path: &str,
                     key: &str|
     -> Option<u32> {
        let found = index_of(keys, key);
        if found.is_none() {
            c.error(
                path,
                format!("unknown {what} \"{key}\""),
                nearest(key, keys.keys().map(String::as_str)),
            );
        }
        found
    };

    for (i, p) in raw.products.iter().enumerate() {
        let b = format!("products[{i}]");
        c.range(&format!("{b}.users"), p.users, 0.0, 1e9);
        c.range(&format!("{b}.signups_base"), p.signups_base, 0.0, 1e8);
        c.range(&format!("{b}.activation"), p.activation, 0.0, 1.0);
        if let Some(m) = p.monthly_churn {
            c.range(&format!("{b}.monthly_churn"), m, 0.0, 0.5);
        }
        c.range(&format!("{b}.paying_share"), p.paying_share, 0.0, 1.0);
        c.range(&format!("{b}.arpu_month"), p.arpu_month, 0.0, 1e6);
        c.range(&format!("{b}.value_fit"), p.value_fit, 0.0, 100.0);
        c.range(&format!("{b}.reliability"), p.reliability, 0.0, 100.0);
    }

    let mut teams = Vec::new();
    let mut people = Vec::new();
    for (ti, t) in raw.teams.iter().enumerate() {
        let b = format!("teams[{ti}]");
        c.range(
            &format!("{b}.codebase_size"),
            t.codebase_size,
            50.0,
            100_000.0,
        );
        c.range(&format!("{b}.tech_debt"), t.tech_debt, 0.0, 100.0);
        c.range(&format!("{b}.psych_safety"), t.psych_safety, 0.0, 100.0);
        c.range(&format!("{b}.autonomy"), t.autonomy, 0.0, 1.0);
        c.range(&format!("{b}.discovery_share"), t.discovery_share, 0.0, 0.4);
        c.range(&format!("{b}.debt_share"), t.debt_share, 0.0, 0.4);
        c.range(
            &format!("{b}.quality_practice"),
            t.quality_practice,
            0.0,
            1.0,
        );
        c.range(&format!("{b}.analytics"), t.analytics, 0.0, 1.0);
        c.range(
            &format!("{b}.platform_maturity"),
            t.platform_maturity,
            0.0,
            1.0,
        );
        c.range(&format!("{b}.vision"), t.vision, 0.0, 1.0);
        let service = t.service_share.unwrap_or(if t.kind == TeamKind::Platform {
            0.2
        } else {
            0.1
        });
        c.range(&format!("{b}.service_share"), service, 0.0, 0.7);
        if t.discovery_share + t.debt_share + service > 0.7 + 1e-9 {
            c.error(
                &format!("{b}.discovery_share"),
                format!(
                    "discovery_share + debt_share + service_share = {:.2}; the limit is 0.7",
                    t.discovery_share + t.debt_share + service
                ),
                Some("leave at least 30 % of capacity for delivery".into()),
            );
        }
        if t.wip_limit == 0 || t.wip_limit > 20 {
            c.error(
                &format!("{b}.wip_limit"),
                format!("value {} is out of range 1..=20", t.wip_limit),
                None,
            );
        }
        let tau = t.assimilation_tau.unwrap_or(raw.params.assimilation_tau);
        c.range(&format!("{b}.assimilation_tau"), tau, 1.0, 104.0);
        if t.members.is_empty() {
            c.error(
                &format!("{b}.members"),
                "a team needs at least one member",
                None,
            );
        }
        if t.members.len() > 9 {
            c.warn(
                &format!("{b}.members"),
                format!("{} people; Team Topologies recommends 5–9", t.members.len()),
                Some("communication overhead grows with n²; consider two teams".into()),
            );
        }
        for (mi, m) in t.members.iter().enumerate() {
            let mb = format!("{b}.members[{mi}]");
            if !(1..=5).contains(&m.level) {
                c.error(
                    &format!("{mb}.level"),
                    format!("value {} is out of range 1..=5", m.level),
                    None,
                );
            }
            let base = 30.0 + 10.0 * f64::from(m.level.clamp(1, 5));
            let skills = m.skills.unwrap_or(RawSkills {
                soft: base,
                team_dev: base,
                domain: base,
                craft: base,
            });
            check_skills(&mut c, &format!("{mb}.skills"), &skills);
            c.range(&format!("{mb}.engagement"), m.engagement, 0.0, 100.0);
            c.range(&format!("{mb}.exhaustion"), m.exhaustion, 0.0, 100.0);
            c.range(
                &format!("{mb}.trust_in_leader"),
                m.trust_in_leader,
                0.0,
                100.0,
            );
            if m.tenure_weeks > 5_000 {
                c.error(
                    &format!("{mb}.tenure_weeks"),
                    format!("value {} is out of range 0..=5000", m.tenure_weeks),
                    None,
                );
            }
            let salary = m
                .salary_week
                .unwrap_or(2_000.0 + 500.0 * f64::from(m.level.clamp(1, 5)));
            c.range(&format!("{mb}.salary_week"), salary, 0.0, 100_000.0);
            let id = people.len() as u32;
            if person_keys.insert(m.name.clone(), id).is_some() {
                c.error(
                    &format!("{mb}.name"),
                    format!("duplicate person name \"{}\"", m.name),
                    Some("names identify people in events; make them unique".into()),
                );
            }
            people.push(PersonDef {
                id: PersonId(id),
                team: TeamId(ti as u32),
                raw: m.clone(),
                skills,
                salary_week: salary,
            });
        }
        let mut tr = t.clone();
        tr.members.clear();
        teams.push(TeamDef {
            id: TeamId(ti as u32),
            raw: tr,
            service_share: service,
            assimilation_tau: tau,
        });
    }

    let mut initiatives = Vec::new();
    for (ii, it) in raw.initiatives.iter().enumerate() {
        let b = format!("initiatives[{ii}]");
        let team = reference(&mut c, &team_keys, "team", &format!("{b}.team"), &it.team);
        let product = match &it.product {
            Some(p) => reference(&mut c, &product_keys, "product", &format!("{b}.product"), p),
            None => Some(0),
        };
        let sponsor = match &it.sponsor {
            Some(s) => {
                reference(&mut c, &sh_keys, "stakeholder", &format!("{b}.sponsor"), s).map(Some)
            }
            None => Some(None),
        };
        c.range(&format!("{b}.size"), it.size, 0.5, 10_000.0);
        c.range(&format!("{b}.done"), it.done, 0.0, it.size.max(0.0));
        c.range(&format!("{b}.cost_of_delay"), it.cost_of_delay, 0.0, 1e9);
        c.range(&format!("{b}.weekly_cost"), it.weekly_cost, 0.0, 1e8);
        if let Some(r) = it.reported_done {
            c.range(&format!("{b}.reported_done"), r, 0.0, 1.0);
        }
        c.range(&format!("{b}.core_fraction"), it.core_fraction, 0.05, 1.0);
        if it.max_parallel == 0 || it.max_parallel > 50 {
            c.error(
                &format!("{b}.max_parallel"),
                format!("value {} is out of range 1..=50", it.max_parallel),
                None,
            );
        }
        if let Some(d) = it.deadline_week {
            c.week(&format!("{b}.deadline_week"), d, raw.weeks);
        }
        if let Some(h) = &it.hidden
            && let Some(e) = &h.effect
        {
            check_effect(&mut c, &format!("{b}.hidden.effect"), e);
        }
        if let Some(e) = &it.effect_scale {
            check_effect(&mut c, &format!("{b}.effect_scale"), e);
        }
        c.count(&format!("{b}.deps"), it.deps.len(), limits::MAX_DEPS);
        let mut deps = Vec::new();
        for (di, d) in it.deps.iter().enumerate() {
            let db = format!("{b}.deps[{di}]");
            let provider = reference(
                &mut c,
                &team_keys,
                "team",
                &format!("{db}.provider"),
                &d.provider,
            );
            c.range(&format!("{db}.work"), d.work, 0.1, 1_000.0);
            if let (Some(p), Some(t)) = (provider, team) {
                if p == t {
                    c.error(
                        &format!("{db}.provider"),
                        "an initiative cannot depend on its own team",
                        None,
                    );
                }
                deps.push(DepDef {
                    provider: TeamId(p),
                    work: d.work,
                    distributed: d.distributed,
                });
            }
        }
        if let (Some(t), Some(p), Some(s)) = (team, product, sponsor) {
            initiatives.push(InitiativeDef {
                id: InitiativeId(ii as u32),
                team: TeamId(t),
                product: ProductId(p),
                sponsor: s.map(StakeholderId),
                deps,
                raw: it.clone(),
            });
        }
    }

    check_cycles(&mut c, &initiatives, &raw);

    for (si, s) in raw.stakeholders.iter().enumerate() {
        let b = format!("stakeholders[{si}]");
        c.range(&format!("{b}.power"), s.power, 0.0, 1.0);
        c.range(&format!("{b}.waterfall"), s.waterfall, 0.0, 1.0);
        c.range(&format!("{b}.trust.ability"), s.trust.ability, 0.0, 100.0);
        c.range(
            &format!("{b}.trust.benevolence"),
            s.trust.benevolence,
            0.0,
            100.0,
        );
        c.range(
            &format!("{b}.trust.integrity"),
            s.trust.integrity,
            0.0,
            100.0,
        );
        c.range(&format!("{b}.anxiety"), s.anxiety, 0.0, 100.0);
        c.range(&format!("{b}.alignment"), s.alignment, 0.0, 1.0);
        for (m, w) in &s.goals {
            c.range(&format!("{b}.goals.{m:?}"), *w, 0.0, 10.0);
        }
        if s.demands.is_empty() && s.goals.is_empty() {
            c.warn(
                &b,
                "stakeholder has no demands and no goals",
                Some("give them goals or demands, or remove them".into()),
            );
        }
    }

    let mut events = Vec::new();
    for (ei, e) in raw.scripted_events.iter().enumerate() {
        let b = format!("scripted_events[{ei}]");
        c.week(&format!("{b}.week"), e.week, raw.weeks);
        let kind = match &e.event {
            RawEvent::Demand {
                from,
                kind,
                team,
                intensity,
            } => {
                c.range(&format!("{b}.event.intensity"), *intensity, 0.1, 2.0);
                let f = reference(
                    &mut c,
                    &sh_keys,
                    "stakeholder",
                    &format!("{b}.event.from"),
                    from,
                );
                let t = reference(&mut c, &team_keys, "team", &format!("{b}.event.team"), team);
                match (f, t) {
                    (Some(f), Some(t)) => Some(EventKind::Demand {
                        from: StakeholderId(f),
                        kind: *kind,
                        team: TeamId(t),
                        intensity: *intensity,
                    }),
                    _ => None,
                }
            }
            RawEvent::BudgetCut { fraction } => {
                c.range(&format!("{b}.event.fraction"), *fraction, 0.0, 0.9);
                Some(EventKind::BudgetCut {
                    fraction: *fraction,
                })
            }
            RawEvent::MarketShock { value_fit } => {
                c.range(&format!("{b}.event.value_fit"), *value_fit, -50.0, 50.0);
                Some(EventKind::MarketShock {
                    value_fit: *value_fit,
                })
            }
            RawEvent::Resignation { person } => reference(
                &mut c,
                &person_keys,
                "person",
                &format!("{b}.event.person"),
                person,
            )
            .map(|p| EventKind::Resignation {
                person: PersonId(p),
            }),
            RawEvent::MarketHeat { heat } => {
                c.range(&format!("{b}.event.heat"), *heat, 0.5, 2.0);
                Some(EventKind::MarketHeat { heat: *heat })
            }
        };
        if let Some(kind) = kind {
            events.push(ScriptedEvent {
                index: ei,
                week: e.week,
                kind,
            });
        }
    }
    warn_dead_events(&mut c, &raw, &events);
    events.sort_by_key(|e| e.week);

    let mut objectives = Vec::new();
    for (oi, o) in raw.objectives.iter().enumerate() {
        let b = format!("objectives[{oi}]");
        let product = match &o.product {
            Some(p) => reference(&mut c, &product_keys, "product", &format!("{b}.product"), p),
            None => Some(0),
        };
        c.range(&format!("{b}.weight"), o.weight, 0.0, 10.0);
        c.range(&format!("{b}.target"), o.target, -1e9, 1e9);
        if let Some(bl) = o.baseline {
            c.range(&format!("{b}.baseline"), bl, -1e9, 1e9);
            if (o.target - bl).abs() < 1e-12 {
                c.error(
                    &format!("{b}.target"),
                    "target equals baseline",
                    Some("an objective needs room to move".into()),
                );
            }
        }
        if let Some(p) = product {
            objectives.push(ObjectiveDef {
                metric: o.metric,
                product: ProductId(p),
                baseline: o.baseline,
                target: o.target,
                weight: o.weight,
            });
        }
    }

    let mut table = crate::model::names::NameTable::default();
    {
        use crate::model::names::IdKind;
        let mut put = |kind: IdKind, keys: &BTreeMap<String, u32>| {
            table.names.insert(kind, keys.clone());
        };
        put(IdKind::Team, &team_keys);
        put(IdKind::Person, &person_keys);
        put(IdKind::Initiative, &initiative_keys);
        put(IdKind::Stakeholder, &sh_keys);
        put(IdKind::Product, &product_keys);
    }
    let plans = check_plans(&mut c, &raw, table.clone());

    let errors = c.out.iter().any(|d| d.severity == Severity::Error);
    if errors {
        return Err(c.out);
    }
    let stakeholder_keys = raw.stakeholders.iter().map(|s| s.id.clone()).collect();
    Ok(Scenario {
        file: file.to_string(),
        content_hash: fnv1a(src.as_bytes()),
        positions: positions.clone(),
        raw,
        teams,
        people,
        initiatives,
        events,
        objectives,
        plans,
        stakeholder_keys,
        names: table,
        warnings: c.out,
    })
}

/// Scripted events that can never take effect: a change to nothing, or a second resignation of
/// someone already gone.
fn warn_dead_events(c: &mut Checker, raw: &RawScenario, events: &[ScriptedEvent]) {
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
fn check_cycles(c: &mut Checker, initiatives: &[InitiativeDef], raw: &RawScenario) {
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

/// Checks the test plans and parses their actions with names resolved.
/// The limits on test plans: how many, how many steps, and the total work `check` would do.
fn count_plan_work(c: &mut Checker, raw: &RawScenario, people: usize) {
    c.count("plans", raw.plans.len(), limits::MAX_PLANS);
    let mut work: u64 = 0;
    for (pi, plan) in raw.plans.iter().enumerate() {
        c.count(
            &format!("plans[{pi}].steps"),
            plan.steps.len(),
            limits::MAX_STEPS,
        );
        let per_seed = u64::from(raw.weeks.min(limits::MAX_WEEKS)) * people.max(1) as u64;
        work = work.saturating_add(u64::from(plan.seeds).saturating_mul(per_seed));
    }
    if work > limits::MAX_PLAN_WORK && raw.plans.iter().all(|p| p.seeds <= limits::MAX_PLAN_SEEDS) {
        c.error(
            "plans",
            format!(
                "the plans ask for {work} person-weeks of simulation (seeds × weeks × people, \
                 summed over plans); the limit is {}",
                limits::MAX_PLAN_WORK
            ),
            Some("use fewer seeds per plan; 10 to 30 seeds show a plan's spread".into()),
        );
    }
}

/// Text from the file must print as what it says: no control characters anywhere (line breaks
/// and tabs are allowed in long texts), no characters that reorder or hide text, and ids and
/// names on one line.
fn check_strings(c: &mut Checker, raw: &RawScenario) {
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

fn check_plans(
    c: &mut Checker,
    raw: &RawScenario,
    table: crate::model::names::NameTable,
) -> Vec<PlanDef> {
    let mut plans = Vec::new();
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    for (pi, plan) in raw.plans.iter().enumerate() {
        let b = format!("plans[{pi}]");
        if plan.name.trim().is_empty() {
            c.error(&format!("{b}.name"), "name must not be empty", None);
        } else if names.insert(plan.name.as_str(), pi).is_some() {
            c.error(
                &format!("{b}.name"),
                format!("duplicate plan name \"{}\"", plan.name),
                Some("plans are reported by name; make them unique".into()),
            );
        }
        if !POLICY_NAMES.contains(&plan.policy.as_str()) {
            c.error(
                &format!("{b}.policy"),
                format!("unknown policy \"{}\"", plan.policy),
                nearest(&plan.policy, POLICY_NAMES)
                    .or_else(|| Some(format!("one of {}", POLICY_NAMES.join(", ")))),
            );
        }
        if plan.seeds == 0 || plan.seeds > limits::MAX_PLAN_SEEDS {
            c.error(
                &format!("{b}.seeds"),
                format!(
                    "value {} is out of range 1..={}",
                    plan.seeds,
                    limits::MAX_PLAN_SEEDS
                ),
                None,
            );
        }
        let e = &plan.expect;
        for (name, band) in [
            ("culture", e.culture),
            ("product", e.product),
            ("combined", e.combined),
        ] {
            if let Some((lo, hi)) = band {
                let path = format!("{b}.expect.{name}");
                if !(0.0..=100.0).contains(&lo) || !(0.0..=100.0).contains(&hi) || lo > hi {
                    c.error(
                        &path,
                        format!(
                            "band ({}, {}) is not a range within 0..=100",
                            input::number(lo),
                            input::number(hi)
                        ),
                        Some("write (low, high) with low <= high, e.g. (55, 100)".into()),
                    );
                }
            }
        }
        let mut events = Vec::new();
        for (ei, text) in e.events.iter().enumerate() {
            let path = format!("{b}.expect.events[{ei}]");
            if text.trim().is_empty() {
                c.error(
                    &path,
                    "expected event text must not be empty",
                    Some(format!("start with one of: {}", expect::vocabulary())),
                );
                continue;
            }
            match expect::parse(text, raw, &table) {
                Ok(ev) => events.push(ev),
                Err((message, hint)) => c.error(&path, message, hint),
            }
        }
        if e.culture.is_none() && e.product.is_none() && e.combined.is_none() && e.events.is_empty()
        {
            c.error(
                &format!("{b}.expect"),
                "the plan expects nothing, so it can never fail",
                Some("give a band, e.g. expect: (combined: (55, 100))".into()),
            );
        }
        let mut steps = Vec::new();
        let opts = ron::Options::default()
            .with_recursion_limit(32)
            .with_default_extension(ron::extensions::Extensions::UNWRAP_NEWTYPES);
        // The name table is installed once per plan, not once per step.
        let parsed_steps: Vec<_> = crate::model::names::with_names(table.clone(), || {
            plan.steps
                .iter()
                .map(|step| opts.from_str::<crate::model::action::Action>(step.action.get_ron()))
                .collect()
        });
        for (si, (step, parsed)) in plan.steps.iter().zip(parsed_steps).enumerate() {
            let sb = format!("{b}.steps[{si}]");
            c.week(&format!("{sb}.week"), step.week, raw.weeks);
            match parsed {
                Ok(a) => steps.push((step.week, a)),
                Err(err) => {
                    // Positions inside the action's text, shifted to where it starts in the file.
                    let path = format!("{sb}.action");
                    let (l0, c0) = match c.positions.get(&path) {
                        Some((l, col)) => locate::value_start(c.src, l, col),
                        None => locate::position_of(c.positions, &path),
                    };
                    let (line, col) = if err.span.start.line <= 1 {
                        (l0, c0 + err.span.start.col.saturating_sub(1))
                    } else {
                        (l0 + err.span.start.line - 1, err.span.start.col)
                    };
                    let (mut message, mut hint) = describe(&err.code);
                    if matches!(err.code, ron::Error::TrailingCharacters) {
                        message = "unexpected text after the action".into();
                        hint = Some(
                            "an action without fields is written without brackets, e.g. \
                             VisionSession"
                                .into(),
                        );
                    }
                    // A name lookup says `unknown person "B" (did you mean "A"?)`: the part in
                    // brackets is the hint.
                    if message.starts_with("unknown ")
                        && message.ends_with(')')
                        && let Some(open) = message.find(" (")
                    {
                        hint = Some(message[open + 2..message.len() - 1].to_string());
                        message.truncate(open);
                    }
                    let hint = hint.or_else(|| {
                        Some("actions and their fields are listed in scenarios/README.md".into())
                    });
                    c.out.push(Diagnostic {
                        file: c.file.into(),
                        line,
                        col,
                        severity: Severity::Error,
                        path,
                        message,
                        hint,
                    });
                }
            }
        }
        plans.push(PlanDef {
            name: plan.name.clone(),
            description: plan.description.clone(),
            policy: plan.policy.clone(),
            respond: plan.respond,
            steps,
            seeds: plan.seeds,
            expect: plan.expect.clone(),
            events,
        });
    }
    plans
}

fn check_effect(c: &mut Checker, path: &str, e: &RawEffect) {
    c.range(&format!("{path}.activation"), e.activation, -0.5, 0.5);
    c.range(&format!("{path}.churn_mult"), e.churn_mult, 0.0, 3.0);
    c.range(&format!("{path}.acquisition"), e.acquisition, -1.0, 5.0);
    c.range(&format!("{path}.arpu"), e.arpu, -1.0, 5.0);
    c.range(&format!("{path}.value_fit"), e.value_fit, -50.0, 50.0);
}
