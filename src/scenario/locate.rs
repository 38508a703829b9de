//! Maps field paths (`teams[2].members[0].skills.craft`) to line:column in a RON source, and
//! finds the structural problems (nesting too deep, a bracket never closed) before RON parses.
//!
//! A small structural scan (strings, raw strings, chars, comments and `#![…]` attributes
//! skipped) that records where every struct field and list element starts, so semantic errors
//! found after parsing still point at the line. Time and memory are linear in the source: each
//! field or element is one node holding its own name segment and its parent's index, never a
//! copy of its parent's path, and nothing is recorded below the nesting limit.

use std::collections::HashMap;

/// How deep values may nest. A real scenario is about seven levels deep (a plan's step inside
/// a plan inside the scenario); the limit leaves room and keeps hostile files cheap.
pub const MAX_NESTING: usize = 32;

/// Field names longer than this are kept shortened in paths: such a name is unknown anyway, and
/// a path must stay short however long the names in a hostile file are.
const MAX_SEGMENT_CHARS: usize = 64;

/// A 1-based line and column.
pub type Pos = (usize, usize);

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Segment {
    Root,
    Field(String),
    Index(usize),
}

#[derive(Clone, Debug)]
struct Node {
    parent: usize,
    segment: Segment,
    pos: Pos,
}

/// Where each field path starts, stored as a tree of path segments in source order.
#[derive(Clone, Debug)]
pub struct Positions {
    /// Node 0 is the root (the empty path); the others are in the order their text starts.
    nodes: Vec<Node>,
    /// Field nodes by (parent node, field name).
    fields: HashMap<(usize, String), usize>,
    /// A list's element nodes in index order, by the list's node (an array, not a map: a list
    /// of thousands of items costs one entry per item and no hashing).
    elements: HashMap<usize, Vec<usize>>,
    /// Struct values `( … )`: the path node of the value, where it opens and where it closes.
    structs: Vec<(usize, Pos, Pos)>,
}

/// A structural problem that makes RON's own error misleading or its parse expensive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Structure {
    /// Values nest `depth` levels deep; first past the limit at `at`.
    TooDeep { depth: usize, at: Pos },
    /// The bracket `open` opened at `opened` is not closed; noticed at `noticed`, where
    /// `found` (a closing bracket, or `None` for the end of the file) appears instead.
    Unclosed {
        open: char,
        opened: Pos,
        noticed: Pos,
        found: Option<char>,
    },
    /// A closing bracket with nothing open.
    Unopened { close: char, at: Pos },
    /// A string that runs to the end of the file. A quote left out earlier pairs every later
    /// quote with the wrong partner, so `likely` is the first text that ran over a line break
    /// (where texts in a scenario rarely go), if any: most often the real culprit.
    UnterminatedString { opened: Pos, likely: Option<Pos> },
}

impl Default for Positions {
    fn default() -> Positions {
        Positions::root()
    }
}

impl Positions {
    fn root() -> Positions {
        Positions {
            nodes: vec![Node {
                parent: 0,
                segment: Segment::Root,
                pos: (1, 1),
            }],
            fields: HashMap::new(),
            elements: HashMap::new(),
            structs: Vec::new(),
        }
    }

    /// The child `segment` of `parent`, created at `pos` the first time it is seen.
    fn child(&mut self, parent: usize, segment: Segment, pos: Pos) -> usize {
        let next = self.nodes.len();
        let node = Node {
            parent,
            segment: segment.clone(),
            pos,
        };
        match segment {
            Segment::Index(i) => {
                let list = self.elements.entry(parent).or_default();
                if let Some(&existing) = list.get(i) {
                    return existing;
                }
                list.push(next);
            }
            Segment::Field(name) => {
                if let Some(&existing) = self.fields.get(&(parent, name.clone())) {
                    return existing;
                }
                self.fields.insert((parent, name), next);
            }
            Segment::Root => return 0,
        }
        self.nodes.push(node);
        next
    }

    fn lookup(&self, parent: usize, segment: &Segment) -> Option<usize> {
        match segment {
            Segment::Index(i) => self.elements.get(&parent)?.get(*i).copied(),
            Segment::Field(name) => self.fields.get(&(parent, name.clone())).copied(),
            Segment::Root => Some(0),
        }
    }

    /// The node of a path such as `teams[2].members[0].name`, or the nearest recorded ancestor
    /// and whether the whole path was found.
    fn find(&self, path: &str) -> (usize, bool) {
        let mut node = 0;
        for segment in split_path(path) {
            match self.lookup(node, &segment) {
                Some(n) => node = n,
                None => return (node, false),
            }
        }
        (node, true)
    }

    /// Where `path` starts, if it was recorded.
    pub fn get(&self, path: &str) -> Option<Pos> {
        let (node, whole) = self.find(path);
        (whole && node != 0).then(|| self.nodes[node].pos)
    }

    /// The path of a node, built by walking up to the root.
    fn path_of(&self, mut node: usize) -> String {
        let mut segments = Vec::new();
        while node != 0 {
            segments.push(&self.nodes[node].segment);
            node = self.nodes[node].parent;
        }
        let mut out = String::new();
        for s in segments.iter().rev() {
            match s {
                Segment::Field(f) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(f);
                }
                Segment::Index(i) => out.push_str(&format!("[{i}]")),
                Segment::Root => {}
            }
        }
        out
    }

    /// The field path whose text starts at or just before `pos` (for errors RON reports by
    /// position only); empty before the first field.
    pub fn path_at(&self, pos: Pos) -> String {
        // Nodes are in source order, so the last one starting at or before `pos` is found by
        // binary search.
        let k = self.nodes[1..].partition_point(|n| n.pos <= pos);
        if k == 0 {
            String::new()
        } else {
            self.path_of(k)
        }
    }

    /// The innermost struct value `( … )` that contains `pos` (its closing bracket included):
    /// its path and where it opens. RON reports a missing field where the struct closes.
    pub fn struct_at(&self, pos: Pos) -> Option<(String, Pos)> {
        self.structs
            .iter()
            .filter(|(_, open, close)| *open <= pos && pos <= *close)
            .max_by_key(|(_, open, _)| *open)
            .map(|(node, open, _)| (self.path_of(*node), *open))
    }

    /// Number of recorded paths (for tests and benchmarks).
    pub fn len(&self) -> usize {
        self.nodes.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Splits `a.b[2].c` into its segments.
fn split_path(path: &str) -> impl Iterator<Item = Segment> + '_ {
    path.split('.').filter(|s| !s.is_empty()).flat_map(|part| {
        let mut pieces = part.split('[');
        let name = pieces.next().unwrap_or_default();
        let field = (!name.is_empty()).then(|| Segment::Field(cap(name)));
        field.into_iter().chain(
            pieces.map(|ix| Segment::Index(ix.trim_end_matches(']').parse().unwrap_or(usize::MAX))),
        )
    })
}

fn cap(name: &str) -> String {
    name.chars().take(MAX_SEGMENT_CHARS).collect()
}

#[derive(Debug)]
enum Frame {
    Struct {
        node: usize,
        field: Option<usize>,
        opened: Pos,
    },
    List {
        node: usize,
        index: usize,
        element: Option<usize>,
        opened: Pos,
    },
    Map {
        node: usize,
        opened: Pos,
    },
    /// Below the nesting limit: counted, not recorded.
    Deep {
        open: char,
        opened: Pos,
    },
}

impl Frame {
    fn open_char(&self) -> char {
        match self {
            Frame::Struct { .. } => '(',
            Frame::List { .. } => '[',
            Frame::Map { .. } => '{',
            Frame::Deep { open, .. } => *open,
        }
    }
    fn opened(&self) -> Pos {
        match self {
            Frame::Struct { opened, .. }
            | Frame::List { opened, .. }
            | Frame::Map { opened, .. }
            | Frame::Deep { opened, .. } => *opened,
        }
    }
}

fn closer_of(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

/// Position of each path, and the first structural problem found (if any).
pub fn scan(src: &str) -> (Positions, Option<Structure>) {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Positions::root();
    let mut problem: Option<Structure> = None;
    let mut too_deep: Option<(usize, Pos)> = None;
    let mut first_multiline: Option<Pos> = None;
    let (mut line, mut col) = (1usize, 1usize);
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    // Moves past `n` characters, keeping line and column.
    let step = |i: &mut usize, n: usize, line: &mut usize, col: &mut usize| {
        for _ in 0..n {
            if *i >= chars.len() {
                return;
            }
            if chars[*i] == '\n' {
                *line += 1;
                *col = 1;
            } else {
                *col += 1;
            }
            *i += 1;
        }
    };
    let current = |stack: &[Frame]| -> Option<usize> {
        match stack.last() {
            None => Some(0),
            Some(Frame::Struct { node, field, .. }) => Some(field.unwrap_or(*node)),
            Some(Frame::List { node, element, .. }) => Some(element.unwrap_or(*node)),
            Some(Frame::Map { node, .. }) => Some(*node),
            Some(Frame::Deep { .. }) => None,
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        // Comments.
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                step(&mut i, 1, &mut line, &mut col);
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            step(&mut i, 2, &mut line, &mut col);
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                step(&mut i, 1, &mut line, &mut col);
            }
            step(&mut i, 2, &mut line, &mut col);
            continue;
        }
        // `#![enable(implicit_some)]` and other attributes at the top: not a list.
        if c == '#' && stack.is_empty() {
            while i < chars.len() && chars[i] != ']' {
                step(&mut i, 1, &mut line, &mut col);
            }
            step(&mut i, 1, &mut line, &mut col);
            continue;
        }
        // A list element begins at its first significant character.
        if !c.is_whitespace()
            && c != ']'
            && c != ','
            && let Some(Frame::List {
                node,
                index,
                element: element @ None,
                ..
            }) = stack.last_mut()
        {
            let (node, index) = (*node, *index);
            *element = Some(out.child(node, Segment::Index(index), (line, col)));
        }
        // Strings: "…", r"…", r#"…"#, b"…" (the `b` is read as a name below, then the string).
        let raw_hashes = (c == 'r')
            .then(|| {
                let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
                (chars.get(i + 1 + hashes) == Some(&'"')).then_some(hashes)
            })
            .flatten();
        if c == '"' || raw_hashes.is_some() {
            let opened = (line, col);
            let closed = if let Some(hashes) = raw_hashes {
                step(&mut i, hashes + 2, &mut line, &mut col);
                loop {
                    if i >= chars.len() {
                        break false;
                    }
                    if chars[i] == '"'
                        && chars[i + 1..]
                            .iter()
                            .take(hashes)
                            .filter(|&&h| h == '#')
                            .count()
                            == hashes
                    {
                        step(&mut i, hashes + 1, &mut line, &mut col);
                        break true;
                    }
                    step(&mut i, 1, &mut line, &mut col);
                }
            } else {
                step(&mut i, 1, &mut line, &mut col);
                loop {
                    if i >= chars.len() {
                        break false;
                    }
                    match chars[i] {
                        '"' => {
                            step(&mut i, 1, &mut line, &mut col);
                            break true;
                        }
                        '\\' => step(&mut i, 2, &mut line, &mut col),
                        _ => step(&mut i, 1, &mut line, &mut col),
                    }
                }
            };
            if line > opened.0 && first_multiline.is_none() {
                first_multiline = Some(opened);
            }
            if !closed && problem.is_none() {
                problem = Some(Structure::UnterminatedString {
                    opened,
                    likely: first_multiline.filter(|p| *p != opened),
                });
            }
            continue;
        }
        // A char literal such as '(' must not count as a bracket.
        if c == '\'' {
            let len = if next == Some('\\') { 4 } else { 3 };
            if chars.get(i + len - 1) == Some(&'\'') {
                step(&mut i, len, &mut line, &mut col);
                continue;
            }
        }
        if c.is_alphabetic() || c == '_' {
            let start = (line, col);
            let from = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                step(&mut i, 1, &mut line, &mut col);
            }
            // Is it a field name (followed by ':' but not '::')?
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if chars.get(j) == Some(&':')
                && chars.get(j + 1) != Some(&':')
                && let Some(Frame::Struct { node, field, .. }) = stack.last_mut()
            {
                let node = *node;
                let name: String = chars[from..i].iter().take(MAX_SEGMENT_CHARS).collect();
                *field = Some(out.child(node, Segment::Field(name), start));
            }
            continue;
        }
        match c {
            '(' | '[' | '{' => {
                let opened = (line, col);
                let frame = match current(&stack) {
                    Some(node) if stack.len() < MAX_NESTING => match c {
                        '(' => Frame::Struct {
                            node,
                            field: None,
                            opened,
                        },
                        '[' => Frame::List {
                            node,
                            index: 0,
                            element: None,
                            opened,
                        },
                        _ => Frame::Map { node, opened },
                    },
                    _ => Frame::Deep { open: c, opened },
                };
                stack.push(frame);
                if stack.len() > MAX_NESTING {
                    match &mut too_deep {
                        Some((depth, _)) => *depth = (*depth).max(stack.len()),
                        None => too_deep = Some((stack.len(), opened)),
                    }
                }
            }
            ')' | ']' | '}' => match stack.last() {
                Some(top) if closer_of(top.open_char()) == c => {
                    if let Some(Frame::Struct { node, opened, .. }) = stack.pop() {
                        out.structs.push((node, opened, (line, col)));
                    }
                }
                Some(top) => {
                    if problem.is_none() {
                        problem = Some(Structure::Unclosed {
                            open: top.open_char(),
                            opened: top.opened(),
                            noticed: (line, col),
                            found: Some(c),
                        });
                    }
                    // Assume the missing closer: pop the frame this one closes, if any.
                    if let Some(k) = stack.iter().rposition(|f| closer_of(f.open_char()) == c) {
                        stack.truncate(k);
                    }
                }
                None => {
                    if problem.is_none() {
                        problem = Some(Structure::Unopened {
                            close: c,
                            at: (line, col),
                        });
                    }
                }
            },
            ',' => {
                if let Some(Frame::List { index, element, .. }) = stack.last_mut() {
                    *index += 1;
                    *element = None;
                }
            }
            _ => {}
        }
        step(&mut i, 1, &mut line, &mut col);
    }
    if problem.is_none()
        && let Some(top) = stack.last()
    {
        problem = Some(Structure::Unclosed {
            open: top.open_char(),
            opened: top.opened(),
            noticed: (line, col),
            found: None,
        });
    }
    // Too deep is reported first: it is why the rest was not looked at.
    if let Some((depth, at)) = too_deep {
        problem = Some(Structure::TooDeep { depth, at });
    }
    (out, problem)
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
pub fn position_of(map: &Positions, path: &str) -> (usize, usize) {
    let (node, _) = map.find(path);
    if node == 0 {
        (1, 1)
    } else {
        map.nodes[node].pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_paths() {
        let src = "Scenario(\n  id: \"x\", // c: d\n  teams: [\n    (id: \"a\", members: [ (name: \"n\", skills: (craft: 5)) ]),\n    (id: \"b\"),\n  ],\n)";
        let (m, problem) = scan(src);
        assert_eq!(problem, None);
        assert_eq!(m.get("id"), Some((2, 3)));
        assert_eq!(m.get("teams[1].id"), Some((5, 6)));
        assert_eq!(m.get("teams[0].members[0].skills.craft"), Some((4, 47)));
        assert_eq!(position_of(&m, "teams[1].members[3].name"), (5, 5));
        assert_eq!(m.path_at((4, 50)), "teams[0].members[0].skills.craft");
        assert_eq!(m.path_at((1, 1)), "");
        assert_eq!(
            m.struct_at((4, 52)),
            Some(("teams[0].members[0].skills".into(), (4, 46)))
        );
    }

    #[test]
    fn attributes_and_raw_strings_are_not_structure() {
        let src = "#![enable(implicit_some)]\nScenario(\n  id: r#\"a\"(\"#, c: '(',\n  teams: [(id: \"t\")],\n)";
        let (m, problem) = scan(src);
        assert_eq!(problem, None);
        assert_eq!(m.get("teams[0].id"), Some((4, 12)));
        assert_eq!(m.get("[0]"), None);
    }

    #[test]
    fn names_the_bracket_left_open() {
        let src = "S(\n a: [\n  (x: 1,\n  (x: 2),\n ],\n)";
        let (_, problem) = scan(src);
        assert_eq!(
            problem,
            Some(Structure::Unclosed {
                open: '(',
                opened: (3, 3),
                noticed: (5, 2),
                found: Some(']')
            })
        );
        let (_, eof) = scan("S(\n a: 1,\n");
        assert!(matches!(
            eof,
            Some(Structure::Unclosed {
                opened: (1, 2),
                found: None,
                ..
            })
        ));
    }

    #[test]
    fn deep_nesting_is_counted_not_recorded() {
        let depth = 10_000;
        let src = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let (m, problem) = scan(&src);
        assert_eq!(
            problem,
            Some(Structure::TooDeep {
                depth,
                at: (1, MAX_NESTING + 1)
            })
        );
        assert!(m.len() <= MAX_NESTING);
    }
}
