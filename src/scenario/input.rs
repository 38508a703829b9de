//! Files from the real world: read only regular files and never past a limit, recognise the
//! encodings editors write (a UTF-8 byte-order mark, UTF-16, UTF-32), and escape any text that
//! came from a file before it reaches a terminal, a log or JSON.

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

/// Why a file could not be read: the message and a hint, in a trainer's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub message: String,
    pub hint: Option<String>,
}

impl ReadError {
    fn new(message: impl Into<String>, hint: Option<&str>) -> ReadError {
        ReadError {
            message: message.into(),
            hint: hint.map(str::to_string),
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

/// The kind of a path that is not a regular file, in words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Reads a regular file of at most `limit` bytes. Symlinks are followed, but only to a regular
/// file; a FIFO, device or socket is refused before it is opened (opening a FIFO would wait for
/// a writer forever), and at most `limit + 1` bytes are ever read, whatever size the file
/// system reports.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| ReadError::new(format!("cannot read file: {e}"), Some("check the path")))?;
    if meta.is_dir() {
        return Err(ReadError::new(
            "is a directory, not a file",
            Some("pass a file, e.g. scenarios/my.ron"),
        ));
    }
    if !meta.is_file() {
        return Err(ReadError::new(
            format!("is {}, not a regular file", kind_of(&meta)),
            Some("only regular files are read; copy the content into a file"),
        ));
    }
    if meta.len() > limit {
        return Err(ReadError::new(
            format!("file is {} bytes; the limit is {limit} bytes", meta.len()),
            Some("a scenario is a few kilobytes; is this the right file?"),
        ));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Non-blocking open: should the path be swapped for a FIFO after the check above, opening
    // it returns at once instead of waiting for a writer.
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        const O_NONBLOCK: i32 = 0o4000;
        options.custom_flags(O_NONBLOCK);
    }
    let file = options
        .open(path)
        .map_err(|e| ReadError::new(format!("cannot read file: {e}"), None))?;
    match file.metadata() {
        Ok(m) if m.is_file() => {}
        Ok(m) => {
            return Err(ReadError::new(
                format!("is {}, not a regular file", kind_of(&m)),
                Some("only regular files are read"),
            ));
        }
        Err(e) => return Err(ReadError::new(format!("cannot read file: {e}"), None)),
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::new(format!("cannot read file: {e}"), None))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

fn too_large(len: u64, limit: u64) -> ReadError {
    ReadError::new(
        format!("file is {len} bytes or more; the limit is {limit} bytes"),
        Some("a scenario is a few kilobytes; is this the right file?"),
    )
}

/// A text encoding that is not UTF-8, recognised by its byte-order mark or its NUL pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf16Le => "UTF-16 (little-endian)",
            Encoding::Utf16Be => "UTF-16 (big-endian)",
            Encoding::Utf32Le => "UTF-32 (little-endian)",
            Encoding::Utf32Be => "UTF-32 (big-endian)",
        }
    }
}

/// The UTF-8 byte-order mark some editors (Windows Notepad) write first.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The bytes without a leading UTF-8 byte-order mark. The mark is not a column, so positions
/// counted in what is left are the positions an editor shows.
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes)
}

/// Which wide encoding `bytes` are in, if any: by byte-order mark, else by where the NULs of
/// ASCII text fall.
pub fn wide_encoding(bytes: &[u8]) -> Option<Encoding> {
    if bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Some(Encoding::Utf32Be);
    }
    if bytes.starts_with(b"\xFF\xFE\x00\x00") {
        return Some(Encoding::Utf32Le);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some(Encoding::Utf16Be);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Some(Encoding::Utf16Le);
    }
    // No mark: ASCII text in a wide encoding has NULs in fixed places.
    let sample = &bytes[..bytes.len().min(4096) / 4 * 4];
    if sample.len() < 4 {
        return None;
    }
    let nul_share = |phase: usize, stride: usize| {
        let picked = sample.iter().skip(phase).step_by(stride);
        let n = sample.len() / stride;
        picked.filter(|&&b| b == 0).count() as f64 / n as f64
    };
    let mostly = |x: f64| x > 0.9;
    let rarely = |x: f64| x < 0.1;
    if mostly(nul_share(1, 4)) && mostly(nul_share(2, 4)) && mostly(nul_share(3, 4)) {
        return Some(Encoding::Utf32Le);
    }
    if mostly(nul_share(0, 4)) && mostly(nul_share(1, 4)) && mostly(nul_share(2, 4)) {
        return Some(Encoding::Utf32Be);
    }
    if mostly(nul_share(1, 2)) && rarely(nul_share(0, 2)) {
        return Some(Encoding::Utf16Le);
    }
    if mostly(nul_share(0, 2)) && rarely(nul_share(1, 2)) {
        return Some(Encoding::Utf16Be);
    }
    None
}

/// Is `c` a character that must never reach a terminal raw: a control character other than
/// a plain space, or one that reorders or hides text (bidirectional overrides, zero-width
/// marks, line and paragraph separators).
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{061C}'
                | '\u{FEFF}'
        )
}

/// `s` with every unsafe character shown as an escape (`\n`, `\t`, `\u{1b}`), so that text
/// from a file always prints as one harmless line.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` cut to at most `max` characters, with `…` where it was cut (for echoing long values).
pub fn shorten(s: &str, max: usize) -> Cow<'_, str> {
    if s.chars().count() <= max {
        Cow::Borrowed(s)
    } else {
        let head: String = s.chars().take(max.saturating_sub(1)).collect();
        Cow::Owned(format!("{head}…"))
    }
}

/// A number as a trainer wrote it, but never hundreds of digits long.
pub fn number(v: f64) -> String {
    if v.is_finite() && v.abs() >= 1e9 {
        format!("{v:.3e}")
    } else {
        let s = format!("{v}");
        shorten(&s, 24).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_and_bidi_characters() {
        assert_eq!(escape("plain"), "plain");
        assert_eq!(escape("a\nb\x1b[2J\u{202E}c"), "a\\nb\\u{1b}[2J\\u{202e}c");
    }

    #[test]
    fn recognises_wide_encodings() {
        let text = "Scenario(id: \"x\")";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let le32: Vec<u8> = text
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        assert_eq!(wide_encoding(&le), Some(Encoding::Utf16Le));
        assert_eq!(wide_encoding(&be), Some(Encoding::Utf16Be));
        assert_eq!(wide_encoding(&le32), Some(Encoding::Utf32Le));
        assert_eq!(wide_encoding(b"\xFF\xFEa\x00"), Some(Encoding::Utf16Le));
        assert_eq!(wide_encoding(text.as_bytes()), None);
        assert_eq!(wide_encoding(b"\x00\x01\x02\x03\x04\x05\x06\x07"), None);
    }

    #[test]
    fn long_numbers_are_shortened() {
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(1e308), "1.000e308");
    }
}
