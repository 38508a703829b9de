//! Maps field paths (`teams[2].members[0].skills.craft`) to line:column in a RON source.
//!
//! A small structural scan (strings and comments skipped) that records where every struct field
//! and list element starts, so semantic errors found after parsing still point at the line.

use std::collections::BTreeMap;

#[derive(Debug)]
enum Frame {
    Struct {
        base: String,
        field: Option<String>,
    },
    List {
        base: String,
        index: usize,
        started: bool,
    },
    Map {
        base: String,
    },
}

/// Position of each path, 1-based line and column.
pub fn field_positions(src: &str) -> BTreeMap<String, (usize, usize)> {
    let mut out = BTreeMap::new();
    let chars: Vec<char> = src.chars().collect();
    let (mut line, mut col) = (1usize, 1usize);
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    let advance = |c: char, line: &mut usize, col: &mut usize| {
        if c == '\n' {
            *line += 1;
            *col = 1;
        } else {
            *col += 1;
        }
    };
    let current_path = |stack: &[Frame]| -> String {
        match stack.last() {
            Some(Frame::Struct {
                base,
                field: Some(f),
            }) => join(base, f),
            Some(Frame::Struct { base, field: None }) => base.clone(),
            Some(Frame::List { base, index, .. }) => format!("{base}[{index}]"),
            Some(Frame::Map { base }) => base.clone(),
            None => String::new(),
        }
    };
    while i < chars.len() {
        let c = chars[i];
        // Comments.
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                advance(chars[i], &mut line, &mut col);
                i += 1;
            }
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                advance(chars[i], &mut line, &mut col);
                i += 1;
            }
            i = (i + 2).min(chars.len());
            col += 2;
            continue;
        }
        // A list element begins at its first significant character.
        if !c.is_whitespace()
            && c != ']'
            && c != ','
            && let Some(Frame::List {
                base,
                index,
                started,
            }) = stack.last_mut()
            && !*started
        {
            *started = true;
            out.entry(format!("{base}[{index}]")).or_insert((line, col));
        }
        if c == '"' {
            advance(c, &mut line, &mut col);
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    advance(chars[i], &mut line, &mut col);
                    i += 1;
                }
                if i < chars.len() {
                    advance(chars[i], &mut line, &mut col);
                    i += 1;
                }
            }
            advance('"', &mut line, &mut col);
            i += 1;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let (start_line, start_col) = (line, col);
            let mut ident = String::new();
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                ident.push(chars[i]);
                advance(chars[i], &mut line, &mut col);
                i += 1;
            }
            // Is it a field name (followed by ':' but not '::')?
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if chars.get(j) == Some(&':')
                && chars.get(j + 1) != Some(&':')
                && let Some(Frame::Struct { base, field }) = stack.last_mut()
            {
                let path = join(base, &ident);
                out.entry(path).or_insert((start_line, start_col));
                *field = Some(ident);
            }
            continue;
        }
        match c {
            '(' => {
                let base = current_path(&stack);
                stack.push(Frame::Struct { base, field: None });
            }
            '[' => {
                let base = current_path(&stack);
                stack.push(Frame::List {
                    base,
                    index: 0,
                    started: false,
                });
            }
            '{' => {
                let base = current_path(&stack);
                stack.push(Frame::Map { base });
            }
            ')' | ']' | '}' => {
                stack.pop();
            }
            ',' => {
                if let Some(Frame::List { index, started, .. }) = stack.last_mut() {
                    *index += 1;
                    *started = false;
                }
            }
            _ => {}
        }
        advance(c, &mut line, &mut col);
        i += 1;
    }
    out
}

fn join(base: &str, field: &str) -> String {
    if base.is_empty() {
        field.to_string()
    } else {
        format!("{base}.{field}")
    }
}

/// Where the value of the field whose name starts at `(line, col)` begins: after the `:` and any
/// whitespace. Used to shift positions reported inside a value's own text.
pub fn value_start(src: &str, line: usize, col: usize) -> (usize, usize) {
    let (mut l, mut c) = (line, col);
    let mut seen_colon = false;
    let rest = src
        .lines()
        .skip(line.saturating_sub(1))
        .enumerate()
        .flat_map(|(k, ln)| {
            let skip = if k == 0 { col.saturating_sub(1) } else { 0 };
            ln.chars().skip(skip).chain(std::iter::once('\n'))
        });
    for ch in rest {
        if seen_colon && !ch.is_whitespace() {
            return (l, c);
        }
        if ch == ':' {
            seen_colon = true;
        }
        if ch == '\n' {
            l += 1;
            c = 1;
        } else {
            c += 1;
        }
    }
    (line, col)
}

/// Best position for a path: the path itself or its nearest recorded ancestor.
pub fn position_of(map: &BTreeMap<String, (usize, usize)>, path: &str) -> (usize, usize) {
    let mut p = path.to_string();
    loop {
        if let Some(&pos) = map.get(&p) {
            return pos;
        }
        match p.rfind(['.', '[']) {
            Some(k) => p.truncate(k),
            None => return (1, 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_paths() {
        let src = "Scenario(\n  id: \"x\", // c: d\n  teams: [\n    (id: \"a\", members: [ (name: \"n\", skills: (craft: 5)) ]),\n    (id: \"b\"),\n  ],\n)";
        let m = field_positions(src);
        assert_eq!(m.get("id"), Some(&(2, 3)));
        assert_eq!(m.get("teams[1].id"), Some(&(5, 6)));
        assert_eq!(m.get("teams[0].members[0].skills.craft"), Some(&(4, 47)));
        assert_eq!(position_of(&m, "teams[1].members[3].name"), (5, 5));
    }
}
