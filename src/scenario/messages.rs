//! Trainer-facing wording of RON errors and of the structural problems found before parsing.

use super::*;

/// The diagnostic for a structural problem found before parsing (`locate::scan`).
pub(crate) fn structure_error(
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
pub(crate) fn describe(code: &ron::Error) -> (String, Option<String>) {
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
pub(crate) fn kind_name(type_name: &str) -> String {
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
pub(crate) fn without_internal_names(text: &str) -> String {
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

pub(crate) fn ron_hint(code: &ron::Error) -> Option<String> {
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
