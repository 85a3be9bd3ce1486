//! Go's `path/filepath.Match` on '/'-separated paths (Unix rules: `\`
//! escapes). Works on bytes like Go, decoding UTF-8 only where Go does.

use std::fmt;

/// Go's `filepath.ErrBadPattern`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatternError;

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("syntax error in pattern")
    }
}

impl std::error::Error for PatternError {}

/// `filepath.Match(pattern, name)`: whether all of `name` matches.
pub fn matches(pattern: &str, name: &str) -> Result<bool, PatternError> {
    let mut pattern = pattern.as_bytes();
    let mut name = name.as_bytes();
    'chunks: while !pattern.is_empty() {
        let (star, chunk, rest) = scan_chunk(pattern);
        pattern = rest;
        if star && chunk.is_empty() {
            // A trailing * matches the rest unless it has a '/'.
            return Ok(!name.contains(&b'/'));
        }
        let (t, ok) = match_chunk(chunk, name)?;
        // The last chunk must use up the name; else try the star.
        if ok && (t.is_empty() || !pattern.is_empty()) {
            name = t;
            continue;
        }
        if star {
            // The star may absorb bytes, but never a '/'.
            for i in 0..name.len() {
                if name[i] == b'/' {
                    break;
                }
                let (t, ok) = match_chunk(chunk, &name[i + 1..])?;
                if ok && (pattern.is_empty() && !t.is_empty()) {
                    continue;
                }
                if ok {
                    name = t;
                    continue 'chunks;
                }
            }
        }
        // No match: still report a malformed remainder, as Go does.
        while !pattern.is_empty() {
            let (_, chunk, rest) = scan_chunk(pattern);
            pattern = rest;
            match_chunk(chunk, b"")?;
        }
        return Ok(false);
    }
    Ok(name.is_empty())
}

/// filepath's `hasMeta`: does `s` contain any of `*?[\`.
pub fn has_meta(s: &str) -> bool {
    s.contains(['*', '?', '[', '\\'])
}

/// Split off leading stars and the following star-free chunk.
fn scan_chunk(pattern: &[u8]) -> (bool, &[u8], &[u8]) {
    let stars = pattern.iter().take_while(|&&b| b == b'*').count();
    let pattern = &pattern[stars..];
    let mut in_range = false;
    let mut i = 0;
    while i < pattern.len() {
        match pattern[i] {
            // A trailing lone `\` is reported by match_chunk.
            b'\\' if i + 1 < pattern.len() => i += 1,
            b'[' => in_range = true,
            b']' => in_range = false,
            b'*' if !in_range => break,
            _ => {}
        }
        i += 1;
    }
    (stars > 0, &pattern[..i], &pattern[i..])
}

/// Match `chunk` (no stars) at the start of `s`; gives the rest of `s`.
/// After a mismatch it keeps parsing so bad syntax is still reported.
fn match_chunk<'a>(mut chunk: &[u8], mut s: &'a [u8]) -> Result<(&'a [u8], bool), PatternError> {
    let mut failed = false;
    while let Some(&c) = chunk.first() {
        failed |= s.is_empty();
        match c {
            b'[' => {
                let mut r = '\0';
                if !failed {
                    let (ch, n) = decode_rune(s);
                    r = ch;
                    s = &s[n..];
                }
                let (matched, rest) = match_class(&chunk[1..], r)?;
                chunk = rest;
                failed |= !matched;
            }
            b'?' => {
                if !failed {
                    failed = s[0] == b'/';
                    s = &s[decode_rune(s).1..];
                }
                chunk = &chunk[1..];
            }
            _ => {
                if c == b'\\' {
                    chunk = &chunk[1..];
                    if chunk.is_empty() {
                        return Err(PatternError);
                    }
                }
                if !failed {
                    failed = chunk[0] != s[0];
                    s = &s[1..];
                }
                chunk = &chunk[1..];
            }
        }
    }
    Ok(if failed { (&[], false) } else { (s, true) })
}

/// Parse a class body (after `[`) and test `r` against it.
fn match_class(mut chunk: &[u8], r: char) -> Result<(bool, &[u8]), PatternError> {
    let negated = chunk.first() == Some(&b'^');
    if negated {
        chunk = &chunk[1..];
    }
    let mut matched = false;
    let mut ranges = 0;
    loop {
        if chunk.first() == Some(&b']') && ranges > 0 {
            return Ok((matched != negated, &chunk[1..]));
        }
        let (lo, rest) = get_esc(chunk)?;
        let mut hi = lo;
        chunk = rest;
        // get_esc guarantees a non-empty rest.
        if chunk[0] == b'-' {
            (hi, chunk) = get_esc(&chunk[1..])?;
        }
        matched |= lo <= r && r <= hi;
        ranges += 1;
    }
}

/// A possibly escaped class character; something must follow it.
fn get_esc(chunk: &[u8]) -> Result<(char, &[u8]), PatternError> {
    let mut chunk = match chunk.first() {
        None | Some(b'-' | b']') => return Err(PatternError),
        Some(_) => chunk,
    };
    if chunk[0] == b'\\' {
        chunk = &chunk[1..];
        if chunk.is_empty() {
            return Err(PatternError);
        }
    }
    let (r, n) = decode_rune(chunk);
    let rest = &chunk[n..];
    if (r == '\u{fffd}' && n == 1) || rest.is_empty() {
        return Err(PatternError);
    }
    Ok((r, rest))
}

/// Go's `utf8.DecodeRune`: bad or truncated input gives (U+FFFD, 1).
fn decode_rune(s: &[u8]) -> (char, usize) {
    for n in 1..=s.len().min(4) {
        let text = std::str::from_utf8(&s[..n]).ok();
        if let Some(c) = text.and_then(|t| t.chars().next()) {
            return (c, n);
        }
    }
    ('\u{fffd}', usize::from(!s.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAD: Result<bool, PatternError> = Err(PatternError);

    /// Go's path/filepath matchTests table.
    #[test]
    fn go_match_table() {
        let cases: &[(&str, &str, Result<bool, PatternError>)] = &[
            ("abc", "abc", Ok(true)),
            ("*", "abc", Ok(true)),
            ("*c", "abc", Ok(true)),
            ("a*", "a", Ok(true)),
            ("a*", "abc", Ok(true)),
            ("a*", "ab/c", Ok(false)),
            ("a*/b", "abc/b", Ok(true)),
            ("a*/b", "a/c/b", Ok(false)),
            ("a*b*c*d*e*/f", "axbxcxdxe/f", Ok(true)),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/f", Ok(true)),
            ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", Ok(false)),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/fff", Ok(false)),
            ("a*b?c*x", "abxbbxdbxebxczzx", Ok(true)),
            ("a*b?c*x", "abxbbxdbxebxczzy", Ok(false)),
            ("ab[c]", "abc", Ok(true)),
            ("ab[b-d]", "abc", Ok(true)),
            ("ab[e-g]", "abc", Ok(false)),
            ("ab[^c]", "abc", Ok(false)),
            ("ab[^b-d]", "abc", Ok(false)),
            ("ab[^e-g]", "abc", Ok(true)),
            ("a\\*b", "a*b", Ok(true)),
            ("a\\*b", "ab", Ok(false)),
            ("a?b", "a☺b", Ok(true)),
            ("a[^a]b", "a☺b", Ok(true)),
            ("a???b", "a☺b", Ok(false)),
            ("a[^a][^a][^a]b", "a☺b", Ok(false)),
            ("[a-ζ]*", "α", Ok(true)),
            ("*[a-ζ]", "A", Ok(false)),
            ("a?b", "a/b", Ok(false)),
            ("a*b", "a/b", Ok(false)),
            ("[\\]a]", "]", Ok(true)),
            ("[\\-]", "-", Ok(true)),
            ("[x\\-]", "x", Ok(true)),
            ("[x\\-]", "-", Ok(true)),
            ("[x\\-]", "z", Ok(false)),
            ("[\\-x]", "x", Ok(true)),
            ("[\\-x]", "-", Ok(true)),
            ("[\\-x]", "a", Ok(false)),
            ("[]a]", "]", BAD),
            ("[-]", "-", BAD),
            ("[x-]", "x", BAD),
            ("[x-]", "-", BAD),
            ("[x-]", "z", BAD),
            ("[-x]", "x", BAD),
            ("[-x]", "-", BAD),
            ("[-x]", "a", BAD),
            ("\\", "a", BAD),
            ("[a-b-c]", "a", BAD),
            ("[", "a", BAD),
            ("[^", "a", BAD),
            ("[^bc", "a", BAD),
            ("a[", "a", BAD),
            ("a[", "ab", BAD),
            ("a[", "x", BAD),
            ("a/b[", "x", BAD),
            ("*x", "xxx", Ok(true)),
        ];
        for (pattern, name, expected) in cases {
            assert_eq!(matches(pattern, name), *expected, "{pattern:?} {name:?}");
        }
    }

    #[test]
    fn more_cases() {
        assert_eq!(matches("", ""), Ok(true));
        assert_eq!(matches("", "a"), Ok(false));
        assert_eq!(matches("*", ""), Ok(true));
        assert_eq!(matches("**", "a/b"), Ok(false));
        assert_eq!(matches("[!a]", "!"), Ok(true));
        assert_eq!(matches("[z-a]", "m"), Ok(false));
        assert_eq!(matches("x*[", "xy"), BAD);
        assert_eq!(matches("a\\", "b"), BAD);
        assert_eq!(matches("[*]", "*"), Ok(true));
        assert_eq!(matches("日本*", "日本語"), Ok(true));
        assert!(matches("[\\", ".").is_err());
        assert!(matches("[a\\", ".").is_err());
        assert_eq!(PatternError.to_string(), "syntax error in pattern");
    }

    #[test]
    fn meta_chars() {
        assert!(has_meta("a*"));
        assert!(has_meta("a?"));
        assert!(has_meta("[a"));
        assert!(has_meta("a\\b"));
        assert!(!has_meta("a/b.c]"));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let long = "a".repeat(5_000);
        let star_pattern = "*a".repeat(20) + "b";
        let inputs = [
            "[",
            "[^",
            "[\\",
            "\\",
            "[a-",
            "[a-\\",
            "[]",
            "*[",
            "?",
            "[☺-",
            "[^]",
            "***",
            star_pattern.as_str(),
            long.as_str(),
        ];
        for p in inputs {
            for n in ["", ".", "a", "/", "☺", long.as_str()] {
                let _ = matches(p, n);
            }
        }
        assert_eq!(matches(&star_pattern, &long), Ok(false));
    }
}
