//! Heredocs as BuildKit finds them: any word of a RUN, COPY or ADD line that
//! reads `[N]<<[-]NAME` (the name possibly quoted) opens one, and the lines
//! after the instruction are its body up to a line that is just NAME. The
//! Dockerfile parser underneath knows only a heredoc at the start of RUN's
//! arguments, so this pass takes the bodies out first (their lines left
//! blank, so line numbers hold) and masks the markers; `dockerfile` puts
//! them back.

use super::shell::Lex;

/// Stands in for `<<` in the text the parser sees (same length, so spans hold).
pub const MARK: &str = "\u{1}\u{1}";

#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub name: String,
    pub content: String,
    /// Variables in the body are expanded (the name was not quoted).
    pub expand: bool,
}

/// The masked text, and each instruction's heredocs.
/// Each instruction's heredocs, by the instruction's first line (1-based).
pub type Found = Vec<(usize, Vec<Doc>)>;

/// A heredoc with no terminator is refused, naming the instruction's line.
pub fn extract(text: &str, escape: char) -> Result<(String, Found), usize> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let first = i;
        let (end, logical) = logical_line(&lines, i, escape);
        i = end + 1;
        if !takes_heredocs(&logical) {
            continue;
        }
        let markers = markers(&logical);
        if markers.is_empty() {
            continue;
        }
        for line in out.iter_mut().take(end + 1).skip(first) {
            *line = mask(line, &markers);
        }
        let mut docs = Vec::new();
        for (name, chomp, expand) in markers {
            let mut content = String::new();
            let mut terminated = false;
            while i < lines.len() {
                let line = lines[i];
                out[i] = if line.ends_with('\n') { "\n".into() } else { String::new() };
                i += 1;
                let bare = line.trim_end_matches(['\n', '\r']);
                let bare = if chomp { bare.trim_start_matches('\t') } else { bare };
                if bare == name {
                    terminated = true;
                    break;
                }
                content.push_str(if chomp { line.trim_start_matches('\t') } else { line });
            }
            if !terminated {
                return Err(first + 1);
            }
            docs.push(Doc { name, content, expand });
        }
        found.push((first + 1, docs));
    }
    Ok((out.concat(), found))
}

/// The instruction starting at line `i` (continuations joined, comment
/// lines inside it dropped) and its last line.
fn logical_line(lines: &[&str], mut i: usize, escape: char) -> (usize, String) {
    let mut text = String::new();
    loop {
        let line = lines[i].trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_end();
        let continued = trimmed.ends_with(escape) && !trimmed.trim_start().starts_with('#');
        text.push_str(if continued { &trimmed[..trimmed.len() - escape.len_utf8()] } else { line });
        if !continued || i + 1 >= lines.len() {
            return (i, text);
        }
        i += 1;
        while i + 1 < lines.len() && lines[i].trim_start().starts_with('#') {
            i += 1;
        }
    }
}

fn takes_heredocs(logical: &str) -> bool {
    let mut words = logical.split_whitespace();
    let mut first = words.next().unwrap_or("").to_ascii_uppercase();
    if first == "ONBUILD" {
        first = words.next().unwrap_or("").to_ascii_uppercase();
    }
    matches!(first.as_str(), "RUN" | "COPY" | "ADD")
}

/// (name, strip tabs, expand) of each heredoc the line opens, in order.
fn markers(logical: &str) -> Vec<(String, bool, bool)> {
    let mut lex = Lex::new('\\');
    lex.raw_quotes = true;
    lex.raw_escapes = true;
    let Ok((words, _)) = lex.process_words(logical, &|_: &str| None::<String>) else { return Vec::new() };
    words.iter().filter_map(|w| marker(w)).collect()
}

/// `[N]<<[-]NAME` → its name, chomp flag and whether its body expands.
fn marker(word: &str) -> Option<(String, bool, bool)> {
    let rest = word.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.strip_prefix("<<")?;
    let (chomp, raw) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    if raw.is_empty() || raw.contains('<') {
        return None;
    }
    let lex = Lex::new('\\');
    let (words, _) = lex.process_words(raw, &|_: &str| None::<String>).ok()?;
    let [name] = words.as_slice() else { return None };
    // A name becomes a file name (`/dev/pipes/NAME`): no paths.
    if name.is_empty() || name.contains('/') || name == "." || name == ".." {
        return None;
    }
    Some((name.clone(), chomp, name == raw))
}

/// `line` with each marker's `<<` replaced by [`MARK`].
fn mask(line: &str, markers: &[(String, bool, bool)]) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("<<") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let body = after.strip_prefix('-').unwrap_or(after);
        let body = body.trim_start_matches(['"', '\'']);
        let is_marker = markers.iter().any(|(n, _, _)| body.starts_with(n.as_str()));
        out.push_str(if is_marker { MARK } else { "<<" });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Puts `<<` back where [`MARK`] stands.
pub fn unmask(s: &str) -> String {
    s.replace(MARK, "<<")
}

/// The heredoc name a masked source word opens, if it is one.
pub fn masked_name(word: &str) -> Option<String> {
    let rest = word.trim_start_matches(|c: char| c.is_ascii_digit()).strip_prefix(MARK)?;
    marker(&format!("<<{rest}")).map(|(n, _, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_taken_out_lines_kept() {
        let text = "FROM b\nRUN cat <<A >/a && cat <<\"B\" >/b\none $x\nA\ntwo $x\nB\nRUN <<-EOT\n\tx\n\tEOT\nCMD x\n";
        let (masked, docs) = extract(text, '\\').unwrap();
        assert_eq!(masked.lines().count(), text.lines().count());
        assert!(masked.contains("RUN cat \u{1}\u{1}A >/a && cat \u{1}\u{1}\"B\" >/b\n\n\n\n\nRUN"));
        assert_eq!(docs[0].0, 2);
        assert_eq!(docs[0].1[0], Doc { name: "A".into(), content: "one $x\n".into(), expand: true });
        assert_eq!(docs[0].1[1], Doc { name: "B".into(), content: "two $x\n".into(), expand: false });
        assert_eq!(docs[1].1[0].content, "x\n");
        assert!(masked.ends_with("CMD x\n"));
    }

    #[test]
    fn not_heredocs() {
        let (masked, docs) = extract("FROM b\nRUN echo '<<A'\nENV X=<<Y\nRUN a <<< b\n", '\\').unwrap();
        assert_eq!(extract("FROM b\nRUN <<EOF\nno end\n", '\\'), Err(2));
        assert!(docs.is_empty(), "{docs:?}");
        assert!(masked.contains("echo '<<A'"));
        assert_eq!(masked_name("\u{1}\u{1}EOF"), Some("EOF".into()));
        assert_eq!(masked_name("file"), None);
    }
}
