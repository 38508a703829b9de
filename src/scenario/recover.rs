//! Error recovery for the RON pass: after a field-level error, patch the text and parse again,
//! so one run of `validate` reports every unknown field, wrong type and misspelt variant.
//!
//! Every patch keeps each character's line and column (replaced text becomes spaces, newlines
//! stay), so later errors still point at the trainer's real file.

/// Converts a 1-based line:column into a char index into `chars`.
pub fn index_of(chars: &[char], line: usize, col: usize) -> Option<usize> {
    let (mut l, mut c) = (1, 1);
    for (i, ch) in chars.iter().enumerate() {
        if l == line && c == col {
            return Some(i);
        }
        if *ch == '\n' {
            l += 1;
            c = 1;
        } else {
            c += 1;
        }
    }
    (l == line && c == col).then_some(chars.len())
}

/// Moves a 1-based position forward past spaces and line breaks.
pub fn skip_blanks(chars: &[char], pos: (usize, usize)) -> (usize, usize) {
    let Some(mut i) = index_of(chars, pos.0, pos.1) else {
        return pos;
    };
    let (mut l, mut c) = pos;
    while i < chars.len() && chars[i].is_whitespace() {
        if chars[i] == '\n' {
            l += 1;
            c = 1;
        } else {
            c += 1;
        }
        i += 1;
    }
    if i == chars.len() { pos } else { (l, c) }
}

/// End (exclusive) of the RON value starting at `start`: balanced brackets, strings, chars and
/// comments skipped, stopping at a top-level `,` or closing bracket.
pub fn value_end(chars: &[char], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            '\'' => {
                i += 1;
                while i < chars.len() && chars[i] != '\'' && chars[i] != '\n' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    i += 1;
                }
                i += 1;
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                if depth == 0 {
                    return trim_end(chars, start, i);
                }
                depth -= 1;
            }
            ',' if depth == 0 => return trim_end(chars, start, i),
            _ => {}
        }
        i += 1;
    }
    trim_end(chars, start, chars.len().min(i))
}

fn trim_end(chars: &[char], start: usize, mut end: usize) -> usize {
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    end
}

/// Blanks `chars[from..to]`, keeping newlines.
fn blank(chars: &mut [char], from: usize, to: usize) {
    for c in &mut chars[from..to] {
        if *c != '\n' {
            *c = ' ';
        }
    }
}

/// Removes the field whose name starts at `at` (name, colon, value and a trailing comma).
pub fn remove_field(chars: &mut [char], at: usize) -> bool {
    let Some(colon) = (at..chars.len()).find(|&i| chars[i] == ':') else {
        return false;
    };
    let mut v = colon + 1;
    while v < chars.len() && chars[v].is_whitespace() {
        v += 1;
    }
    let mut end = value_end(chars, v);
    let mut k = end;
    while k < chars.len() && chars[k].is_whitespace() {
        k += 1;
    }
    if chars.get(k) == Some(&',') {
        end = k + 1;
    }
    blank(chars, at, end);
    true
}

/// Replaces the value starting at `at` with `placeholder` (padded with spaces).
pub fn replace_value(chars: &mut [char], at: usize, placeholder: &str) -> bool {
    let end = value_end(chars, at).max(at + 1).min(chars.len());
    let p: Vec<char> = placeholder.chars().collect();
    if end - at < p.len() {
        return false;
    }
    blank(chars, at, end);
    chars[at..at + p.len()].copy_from_slice(&p);
    true
}

/// Replaces the identifier starting at `at` with `name`, padded with spaces when shorter.
/// Returns how many characters longer the line became (0 when the name fits), or `None` when
/// there is no identifier at `at`.
pub fn replace_ident(chars: &mut Vec<char>, at: usize, name: &str) -> Option<usize> {
    let mut end = at;
    while end < chars.len() && (chars[end].is_alphanumeric() || chars[end] == '_') {
        end += 1;
    }
    if end == at {
        return None;
    }
    let n: Vec<char> = name.chars().collect();
    let old = end - at;
    let padding = old.saturating_sub(n.len());
    let replacement: Vec<char> = n
        .iter()
        .copied()
        .chain(std::iter::repeat_n(' ', padding))
        .collect();
    chars.splice(at..end, replacement);
    Some(n.len().saturating_sub(old))
}

/// Maps a position in the patched text back to the trainer's file: undoes the columns that
/// longer replacements (`replace_ident`) added earlier on the same line.
pub fn unshift(shifts: &[(usize, usize, usize)], pos: (usize, usize)) -> (usize, usize) {
    let extra: usize = shifts
        .iter()
        .filter(|(line, after, _)| *line == pos.0 && pos.1 > *after)
        .map(|(_, _, n)| n)
        .sum();
    (pos.0, pos.1.saturating_sub(extra).max(1))
}

/// Is `chars[at]` the `.` of a decimal number (`12.0`)?
pub fn is_decimal_point(chars: &[char], at: usize) -> bool {
    chars.get(at) == Some(&'.')
        && at > 0
        && chars[at - 1].is_ascii_digit()
        && chars.get(at + 1).is_some_and(char::is_ascii_digit)
}

/// Patches the text after the error `code` at `at` so the next parse gets past it. Returns how
/// many characters longer the line became (usually 0), or `None` when the error cannot be
/// repaired (a real syntax error). `decimal`: the error is a `.` inside a whole number (see
/// `is_decimal_point`).
pub fn patch(chars: &mut Vec<char>, at: usize, code: &ron::Error, decimal: bool) -> Option<usize> {
    use ron::Error as E;
    // A misspelt choice becomes the nearest known one, or any known one when none is close:
    // its value no longer matters (errors at a patched path are dropped), the pass goes on.
    if let E::NoSuchEnumVariant {
        expected, found, ..
    } = code
    {
        let choice = crate::model::names::nearest_name(found, expected.iter().copied())
            .or_else(|| expected.iter().copied().min_by_key(|v| v.len()))?;
        return replace_ident(chars, at, choice);
    }
    let fitted = match code {
        // Blank the decimal part.
        E::ExpectedComma if decimal => {
            let mut end = at + 1;
            while end < chars.len() && chars[end].is_ascii_digit() {
                end += 1;
            }
            blank(chars, at, end);
            true
        }
        E::NoSuchStructField { .. } | E::DuplicateStructField { .. } => remove_field(chars, at),
        E::InvalidValueForType { expected, .. } => {
            placeholder_for(expected).is_some_and(|p| replace_value(chars, at, p))
        }
        E::ExpectedString => replace_value(chars, at, "\"\""),
        E::ExpectedFloat | E::ExpectedInteger => replace_value(chars, at, "0"),
        E::ExpectedBoolean => replace_value(chars, at, "false"),
        _ => false,
    };
    fitted.then_some(0)
}

/// A placeholder of the type serde expected, from ron's "expected ..." wording.
pub fn placeholder_for(expected: &str) -> Option<&'static str> {
    let e = expected.to_lowercase();
    if e.contains("string") || e.contains("name") {
        Some("\"\"")
    } else if e.contains("bool") {
        Some("false")
    } else if e.contains("float")
        || e.contains("integer")
        || e.contains("number")
        || e.contains("u8")
        || e.contains("u32")
        || e.contains("u64")
        || e.contains("f64")
    {
        Some("0")
    } else if e.contains("sequence") || e.contains("array") || e.contains("list") {
        Some("[]")
    } else if e.contains("map") {
        Some("{}")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removing_a_field_keeps_positions() {
        let src = "(a: 1, bogus: (x: [1, 2], y: \"),\"),\n b: 2)";
        let mut chars: Vec<char> = src.chars().collect();
        let at = src.find("bogus").unwrap();
        assert!(remove_field(&mut chars, at));
        let out: String = chars.iter().collect();
        assert_eq!(out.len(), src.len());
        assert_eq!(out.replace(' ', ""), "(a:1,\nb:2)");
    }

    #[test]
    fn replacing_a_value_pads_it() {
        let src = "(a: \"text\", b: 2)";
        let mut chars: Vec<char> = src.chars().collect();
        assert!(replace_value(&mut chars, 4, "0"));
        let out: String = chars.iter().collect();
        assert_eq!(out, "(a: 0     , b: 2)");
    }
}
