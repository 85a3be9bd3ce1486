//! `.dockerignore` handling as moby/patternmatcher does it (Unix paths).
//!
//! patternmatcher turns each pattern into a Go regexp string; we build the
//! same string and run it with a small RE2-style matcher, so quirks of the
//! conversion (e.g. how `[...]` is passed through) behave identically.

use super::pattern;

const BAD_PATTERN: &str = "syntax error in pattern";

/// `ignorefile.ReadAll`: the patterns of a `.dockerignore` file.
pub fn read_ignore_file(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    for line in text.split('\n') {
        // bufio.ScanLines drops one trailing \r; comments are checked untrimmed.
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with('#') {
            continue;
        }
        let mut pattern = line.trim();
        if pattern.is_empty() {
            continue;
        }
        let invert = pattern.starts_with('!');
        if invert {
            pattern = pattern[1..].trim();
        }
        let mut cleaned = String::new();
        if !pattern.is_empty() {
            cleaned = clean(pattern);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
        }
        out.push(if invert { format!("!{cleaned}") } else { cleaned });
    }
    // A final newline does not start another (empty) line.
    out
}

/// Go's `filepath.Clean` for '/'-separated paths.
pub fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let p = path.as_bytes();
    let rooted = p[0] == b'/';
    let mut out: Vec<u8> = Vec::with_capacity(p.len());
    let (mut r, mut dotdot) = (0, 0);
    if rooted {
        out.push(b'/');
        (r, dotdot) = (1, 1);
    }
    let n = p.len();
    while r < n {
        let is_end = |i: usize| i == n || p[i] == b'/';
        if p[r] == b'/' || (p[r] == b'.' && is_end(r + 1)) {
            r += 1;
        } else if p[r] == b'.' && p[r + 1] == b'.' && is_end(r + 2) {
            r += 2;
            if out.len() > dotdot {
                // Drop the last element and the '/' before it.
                let mut w = out.len() - 1;
                while w > dotdot && out[w] != b'/' {
                    w -= 1;
                }
                out.truncate(w);
            } else if !rooted {
                if !out.is_empty() {
                    out.push(b'/');
                }
                out.extend_from_slice(b"..");
                dotdot = out.len();
            }
        } else {
            if out.len() != usize::from(rooted) {
                out.push(b'/');
            }
            while r < n && p[r] != b'/' {
                out.push(p[r]);
                r += 1;
            }
        }
    }
    if out.is_empty() {
        return ".".to_string();
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Go's `filepath.Dir`.
fn dir(path: &str) -> String {
    let cut = path.rfind('/').map_or(0, |i| i + 1);
    clean(&path[..cut])
}

/// How a pattern is checked (patternmatcher's matchType).
#[derive(Debug, Clone)]
enum Kind {
    Exact,
    /// `dir/**`: prefix before the `**`.
    Prefix,
    /// `**/x` or `**x`: suffix after the `**`.
    Suffix,
    Regex(Regex),
    /// The generated regexp did not compile: every match is an error.
    Invalid,
}

/// One cleaned `.dockerignore` pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    cleaned: String,
    exclusion: bool,
    kind: Kind,
}

impl Pattern {
    /// The cleaned pattern text, without a leading `!`.
    pub fn as_str(&self) -> &str {
        &self.cleaned
    }

    /// Whether this is a `!` (re-include) pattern.
    pub fn exclusion(&self) -> bool {
        self.exclusion
    }

    fn matches(&self, path: &str) -> Result<bool, String> {
        let p = &self.cleaned;
        Ok(match &self.kind {
            Kind::Exact => path == p,
            Kind::Prefix => path.starts_with(p.strip_suffix("**").unwrap_or(p)),
            Kind::Suffix => {
                let suffix = p.strip_prefix("**").unwrap_or(p);
                // `**/foo` also matches plain `foo`.
                path.ends_with(suffix) || suffix.strip_prefix('/') == Some(path)
            }
            Kind::Regex(re) => re.is_match(path),
            Kind::Invalid => return Err(BAD_PATTERN.to_string()),
        })
    }

    /// fsutil's `patternWithoutTrailingGlob`.
    fn without_trailing_glob(&self) -> &str {
        let p = self.cleaned.strip_suffix("/**").unwrap_or(&self.cleaned);
        p.strip_suffix("/*").unwrap_or(p)
    }

    /// fsutil's check that a pattern is a plain path prefix.
    fn is_plain_prefix(&self) -> bool {
        !self.without_trailing_glob().contains(['*', '[', ']', '?', '^', '\\'])
    }
}

/// patternmatcher's `compile`: classify the pattern and build its regexp.
fn compile(pattern: &str) -> Kind {
    let chars: Vec<char> = pattern.chars().collect();
    let mut re = String::from("^");
    let mut kind = 'e'; // e(xact), p(refix), s(uffix), r(egex)
    let mut i = 0;
    let mut first = true;
    while i < chars.len() {
        let ch = chars[i];
        i += 1;
        match ch {
            '*' if chars.get(i) == Some(&'*') => {
                i += 1;
                // `**/` is treated as `**`.
                if chars.get(i) == Some(&'/') {
                    i += 1;
                }
                if i < chars.len() {
                    // Any number of directories, even none.
                    re.push_str("(.*/)?");
                    kind = 'r';
                } else if kind == 'e' {
                    kind = 'p';
                } else {
                    re.push_str(".*");
                    kind = 'r';
                }
                if first {
                    kind = 's';
                }
            }
            '*' => {
                re.push_str("[^/]*");
                kind = 'r';
            }
            '?' => {
                re.push_str("[^/]");
                kind = 'r';
            }
            '.' | '+' | '(' | ')' | '|' | '{' | '}' | '$' => {
                re.push('\\');
                re.push(ch);
            }
            '\\' => {
                // Escape the next char; a trailing `\` stays (escaped).
                re.push('\\');
                if let Some(&next) = chars.get(i) {
                    i += 1;
                    re.push(next);
                    kind = 'r';
                }
            }
            '[' | ']' => {
                re.push(ch);
                kind = 'r';
            }
            _ => re.push(ch),
        }
        first = false;
    }
    match kind {
        'e' => Kind::Exact,
        'p' => Kind::Prefix,
        's' => Kind::Suffix,
        _ => {
            re.push('$');
            Regex::new(&re).map_or(Kind::Invalid, Kind::Regex)
        }
    }
}

/// Per-directory results for [`PatternMatcher::matches_using_parent_results`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchInfo {
    parent_matched: Vec<bool>,
}

/// A compiled `.dockerignore` pattern list (patternmatcher.PatternMatcher).
#[derive(Debug, Clone)]
pub struct PatternMatcher {
    patterns: Vec<Pattern>,
    exclusions: bool,
}

impl PatternMatcher {
    /// patternmatcher.New: trims, cleans and syntax-checks each pattern.
    pub fn new(patterns: &[String]) -> Result<PatternMatcher, String> {
        let mut out = Vec::with_capacity(patterns.len());
        for p in patterns {
            let p = p.trim();
            if p.is_empty() {
                continue;
            }
            let mut p = clean(p);
            let exclusion = p.starts_with('!');
            if exclusion {
                if p.len() == 1 {
                    return Err("illegal exclusion pattern: \"!\"".to_string());
                }
                p.remove(0);
            }
            // Like patternmatcher, only filepath.Match's verdict on syntax.
            pattern::matches(&p, ".").map_err(|e| e.to_string())?;
            let kind = compile(&p);
            out.push(Pattern { cleaned: p, exclusion, kind });
        }
        let exclusions = out.iter().any(|p| p.exclusion);
        Ok(PatternMatcher { patterns: out, exclusions })
    }

    /// Whether any `!` pattern exists.
    pub fn exclusions(&self) -> bool {
        self.exclusions
    }

    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// MatchesOrParentMatches: does `path` (or one of its parent dirs)
    /// match, with later patterns overriding earlier ones.
    pub fn matches_or_parent_matches(&self, path: &str) -> Result<bool, String> {
        let parent = dir(path);
        let parent_dirs: Vec<&str> = parent.split('/').collect();
        let mut matched = false;
        for pat in &self.patterns {
            // Only patterns that could flip the current verdict matter.
            if pat.exclusion != matched {
                continue;
            }
            let mut hit = pat.matches(path)?;
            if !hit && parent != "." {
                hit = parent_matches(pat, &parent_dirs);
            }
            if hit {
                matched = !pat.exclusion;
            }
        }
        Ok(matched)
    }

    /// MatchesUsingParentResults: like [`Self::matches_or_parent_matches`]
    /// but reuses the parent directory's results during a walk. Pass
    /// `MatchInfo::default()` for the walk root's children.
    pub fn matches_using_parent_results(
        &self,
        path: &str,
        parent: &MatchInfo,
    ) -> Result<(bool, MatchInfo), String> {
        let known = &parent.parent_matched;
        if !known.is_empty() && known.len() != self.patterns.len() {
            return Err("wrong number of values in parentMatched".to_string());
        }
        let mut info = MatchInfo { parent_matched: vec![false; self.patterns.len()] };
        let mut matched = false;
        for (i, pat) in self.patterns.iter().enumerate() {
            let mut hit = known.get(i).copied().unwrap_or(false);
            if !hit {
                if pat.exclusion != matched {
                    continue;
                }
                hit = pat.matches(path)?;
                if !hit && known.is_empty() {
                    hit = self.parent_fallback(pat, path);
                }
            }
            info.parent_matched[i] = hit;
            if hit {
                matched = !pat.exclusion;
            }
        }
        Ok((matched, info))
    }

    fn parent_fallback(&self, pat: &Pattern, path: &str) -> bool {
        let parent = dir(path);
        parent != "." && parent_matches(pat, &parent.split('/').collect::<Vec<_>>())
    }

    /// fsutil: true when every `!` pattern is a plain path (optionally
    /// ending in `/*` or `/**`), which makes [`Self::can_skip_dir`] usable.
    pub fn only_prefix_exclusions(&self) -> bool {
        self.patterns.iter().all(|p| !p.exclusion || p.is_plain_prefix())
    }

    /// fsutil's walker rule for an excluded (matched) directory `dir`:
    /// true if nothing below it can be re-included, so the whole tree may
    /// be skipped.
    pub fn can_skip_dir(&self, dir: &str) -> bool {
        if !self.only_prefix_exclusions() {
            return false;
        }
        let dir_slash = format!("{dir}/");
        !self
            .patterns
            .iter()
            .any(|p| p.exclusion && format!("{}/", p.without_trailing_glob()).starts_with(&dir_slash))
    }

    /// fsutil's rule for include patterns (`--include`-style lists): true
    /// if `dir`, which did not match, cannot contain anything that does.
    pub fn include_can_skip_dir(&self, dir: &str) -> bool {
        let plain = self.patterns.iter().all(|p| p.exclusion || p.is_plain_prefix());
        let dir_slash = format!("{dir}/");
        plain
            && !self
                .patterns
                .iter()
                .any(|p| !p.exclusion && format!("{}/", p.without_trailing_glob()).starts_with(&dir_slash))
    }
}

/// Does `pat` match any leading part of the parent path? Errors count as
/// no match here, as in patternmatcher.
fn parent_matches(pat: &Pattern, parent_dirs: &[&str]) -> bool {
    (1..=parent_dirs.len()).any(|n| pat.matches(&parent_dirs[..n].join("/")) == Ok(true))
}

// ---------------------------------------------------------------------------
// A small regexp engine for the Go RE2 syntax patternmatcher generates:
// literals, escapes, `.`, `^`, `$`, classes (ranges, negation, POSIX names,
// \d\s\w), groups and `*`/`+`/`?`. Matching is a Pike VM: linear time, no
// recursion over the input.

type Ranges = Vec<(char, char)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Assert {
    BeginText,
    EndText,
    WordBoundary,
    NotWordBoundary,
}

#[derive(Debug, Clone)]
enum Node {
    Set(Ranges),
    Assert(Assert),
    Group(Vec<Node>),
    Repeat(Box<Node>, Rep),
}

#[derive(Debug, Clone, Copy)]
enum Rep {
    Star,
    Plus,
    Quest,
}

#[derive(Debug, Clone)]
enum Inst {
    Set(Ranges),
    Assert(Assert),
    Split(usize, usize),
    Jmp(usize),
    Match,
}

#[derive(Debug, Clone)]
struct Regex {
    prog: Vec<Inst>,
}

/// Nesting limit for `(`; the generated patterns never nest.
const MAX_GROUPS: usize = 100;

impl Regex {
    fn new(src: &str) -> Result<Regex, String> {
        let nodes = Parser::new(src).parse()?;
        let mut prog = Vec::new();
        for n in &nodes {
            emit(n, &mut prog, 0)?;
        }
        prog.push(Inst::Match);
        Ok(Regex { prog })
    }

    /// Unanchored search, like Go's `MatchString`.
    fn is_match(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        let mut current: Vec<usize> = Vec::new();
        let mut seen = vec![usize::MAX; self.prog.len()];
        for pos in 0..=chars.len() {
            let ctx = (pos.checked_sub(1).map(|p| chars[p]), chars.get(pos).copied());
            // A new thread may start anywhere (the search is unanchored).
            let mut starts = std::mem::take(&mut current);
            starts.push(0);
            let mut ready = Vec::new();
            for pc in starts {
                if self.add_thread(pc, pos, ctx, &mut seen, &mut ready) {
                    return true;
                }
            }
            let Some(ch) = ctx.1 else { break };
            current = ready
                .into_iter()
                .filter_map(|pc| match &self.prog[pc] {
                    Inst::Set(r) if in_ranges(r, ch) => Some(pc + 1),
                    _ => None,
                })
                .collect();
        }
        false
    }

    /// Follow empty transitions from `pc`; collect char-consuming states.
    /// Returns true when Match is reachable.
    fn add_thread(
        &self,
        pc: usize,
        pos: usize,
        ctx: (Option<char>, Option<char>),
        seen: &mut [usize],
        ready: &mut Vec<usize>,
    ) -> bool {
        let mut stack = vec![pc];
        while let Some(pc) = stack.pop() {
            if seen[pc] == pos {
                continue;
            }
            seen[pc] = pos;
            match &self.prog[pc] {
                Inst::Match => return true,
                Inst::Set(_) => ready.push(pc),
                Inst::Jmp(to) => stack.push(*to),
                Inst::Split(a, b) => stack.extend([*b, *a]),
                Inst::Assert(a) if assert_holds(*a, ctx) => stack.push(pc + 1),
                Inst::Assert(_) => {}
            }
        }
        false
    }
}

fn assert_holds(a: Assert, (before, after): (Option<char>, Option<char>)) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    match a {
        Assert::BeginText => before.is_none(),
        Assert::EndText => after.is_none(),
        Assert::WordBoundary => word(before) != word(after),
        Assert::NotWordBoundary => word(before) == word(after),
    }
}

fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

fn emit(node: &Node, prog: &mut Vec<Inst>, depth: usize) -> Result<(), String> {
    if depth > MAX_GROUPS * 2 {
        return Err("expression nests too deeply".to_string());
    }
    match node {
        Node::Set(r) => prog.push(Inst::Set(r.clone())),
        Node::Assert(a) => prog.push(Inst::Assert(*a)),
        Node::Group(items) => {
            for n in items {
                emit(n, prog, depth + 1)?;
            }
        }
        Node::Repeat(inner, rep) => emit_repeat(inner, *rep, prog, depth)?,
    }
    Ok(())
}

fn emit_repeat(inner: &Node, rep: Rep, prog: &mut Vec<Inst>, depth: usize) -> Result<(), String> {
    let start = prog.len();
    match rep {
        Rep::Plus => {
            emit(inner, prog, depth + 1)?;
            prog.push(Inst::Split(start, prog.len() + 1));
        }
        Rep::Star | Rep::Quest => {
            prog.push(Inst::Split(start + 1, 0)); // patched below
            emit(inner, prog, depth + 1)?;
            if matches!(rep, Rep::Star) {
                prog.push(Inst::Jmp(start));
            }
            let end = prog.len();
            prog[start] = Inst::Split(start + 1, end);
        }
    }
    Ok(())
}

struct Parser {
    s: Vec<char>,
    i: usize,
}

impl Parser {
    fn new(src: &str) -> Parser {
        Parser { s: src.chars().collect(), i: 0 }
    }

    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek();
        self.i += usize::from(c.is_some());
        c
    }

    /// Top level: groups are tracked on an explicit stack.
    fn parse(&mut self) -> Result<Vec<Node>, String> {
        let mut stack: Vec<Vec<Node>> = vec![Vec::new()];
        while let Some(c) = self.bump() {
            let node = match c {
                '(' => {
                    if self.peek() == Some('?') || stack.len() > MAX_GROUPS {
                        return Err("unsupported group".to_string());
                    }
                    stack.push(Vec::new());
                    continue;
                }
                ')' => {
                    let done = stack.pop().filter(|_| !stack.is_empty());
                    Node::Group(done.ok_or("unexpected )")?)
                }
                '*' | '+' | '?' => {
                    let top = stack.last_mut().ok_or("bad stack")?;
                    self.repeat(top, c)?;
                    continue;
                }
                '|' => return Err("alternation is not supported".to_string()),
                '.' => Node::Set(vec![('\0', '\u{9}'), ('\u{b}', char::MAX)]),
                '^' => Node::Assert(Assert::BeginText),
                '$' => Node::Assert(Assert::EndText),
                '[' => Node::Set(self.class()?),
                '\\' => self.escape_outside()?,
                c => Node::Set(vec![(c, c)]),
            };
            stack.last_mut().ok_or("bad stack")?.push(node);
        }
        match stack.pop() {
            Some(top) if stack.is_empty() => Ok(top),
            _ => Err("missing closing )".to_string()),
        }
    }

    fn repeat(&mut self, items: &mut Vec<Node>, op: char) -> Result<(), String> {
        let Some(last) = items.pop() else {
            return Err(format!("missing argument to repetition operator: {op}"));
        };
        if matches!(last, Node::Repeat(..)) {
            return Err("invalid nested repetition operator".to_string());
        }
        let rep = match op {
            '*' => Rep::Star,
            '+' => Rep::Plus,
            _ => Rep::Quest,
        };
        // A following `?` only makes it lazy: same yes/no answer.
        if self.peek() == Some('?') {
            self.bump();
        }
        if matches!(self.peek(), Some('*' | '+' | '?')) {
            return Err("invalid nested repetition operator".to_string());
        }
        items.push(Node::Repeat(Box::new(last), rep));
        Ok(())
    }

    fn escape_outside(&mut self) -> Result<Node, String> {
        let assert = match self.peek() {
            Some('A') => Some(Assert::BeginText),
            Some('z') => Some(Assert::EndText),
            Some('b') => Some(Assert::WordBoundary),
            Some('B') => Some(Assert::NotWordBoundary),
            _ => None,
        };
        if let Some(a) = assert {
            self.bump();
            return Ok(Node::Assert(a));
        }
        if self.peek() == Some('Q') {
            self.bump();
            return Ok(Node::Group(self.quoted()));
        }
        if let Some(r) = self.perl_class() {
            return Ok(Node::Set(r));
        }
        let c = self.escape_char()?;
        Ok(Node::Set(vec![(c, c)]))
    }

    /// `\Q...\E`: literal text.
    fn quoted(&mut self) -> Vec<Node> {
        let mut out = Vec::new();
        while let Some(c) = self.bump() {
            if c == '\\' && self.peek() == Some('E') {
                self.bump();
                break;
            }
            out.push(Node::Set(vec![(c, c)]));
        }
        out
    }

    /// `\d \D \s \S \w \W` (ASCII, as in Go).
    fn perl_class(&mut self) -> Option<Ranges> {
        let (base, negate): (Ranges, bool) = match self.peek()? {
            'd' => (vec![('0', '9')], false),
            'D' => (vec![('0', '9')], true),
            's' => (perl_space(), false),
            'S' => (perl_space(), true),
            'w' => (perl_word(), false),
            'W' => (perl_word(), true),
            _ => return None,
        };
        self.bump();
        Some(if negate { negate_ranges(base) } else { base })
    }

    /// One escaped character after `\` (Go's parseEscape).
    fn escape_char(&mut self) -> Result<char, String> {
        let c = self.bump().ok_or("trailing backslash at end of expression")?;
        let invalid = || Err(format!("invalid escape sequence: \\{c}"));
        match c {
            // Any escaped ASCII non-word char is itself (even a space).
            c if c.is_ascii() && !c.is_ascii_alphanumeric() => Ok(c),
            '1'..='7' if !matches!(self.peek(), Some('0'..='7')) => invalid(),
            '0'..='7' => Ok(self.octal(c)),
            'x' => self.hex().map_or_else(invalid, Ok),
            'a' => Ok('\u{7}'),
            'f' => Ok('\u{c}'),
            'n' => Ok('\n'),
            'r' => Ok('\r'),
            't' => Ok('\t'),
            'v' => Ok('\u{b}'),
            _ => invalid(),
        }
    }

    fn octal(&mut self, first: char) -> char {
        let mut v = first as u32 - '0' as u32;
        for _ in 0..2 {
            match self.peek() {
                Some(d @ '0'..='7') => {
                    self.bump();
                    v = v * 8 + (d as u32 - '0' as u32);
                }
                _ => break,
            }
        }
        char::from_u32(v).unwrap_or('\u{fffd}')
    }

    /// `\xHH` or `\x{H...}`.
    fn hex(&mut self) -> Option<char> {
        let mut v: u32 = 0;
        if self.peek() == Some('{') {
            self.bump();
            let mut digits = 0;
            while let Some(d) = self.peek().and_then(|c| c.to_digit(16)) {
                self.bump();
                v = v.checked_mul(16)? + d;
                digits += 1;
                if v > 0x10ffff {
                    return None;
                }
            }
            if digits == 0 || self.bump() != Some('}') {
                return None;
            }
            return char::from_u32(v);
        }
        for _ in 0..2 {
            v = v * 16 + self.bump()?.to_digit(16)?;
        }
        char::from_u32(v)
    }

    /// A `[...]` class (after the `[`), Go parseClass with Perl flags.
    fn class(&mut self) -> Result<Ranges, String> {
        let negated = self.peek() == Some('^');
        if negated {
            self.bump();
        }
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            match self.peek() {
                None => return Err("missing closing ]".to_string()),
                Some(']') if !first => {
                    self.bump();
                    break;
                }
                _ => {}
            }
            first = false;
            if let Some(named) = self.posix_class()? {
                ranges.extend(named);
                continue;
            }
            if self.peek() == Some('\\') {
                self.i += 1;
                if let Some(r) = self.perl_class() {
                    ranges.extend(r);
                    continue;
                }
                self.i -= 1;
            }
            let lo = self.class_char()?;
            let mut hi = lo;
            let dash_range = self.peek() == Some('-') && self.s.get(self.i + 1) != Some(&']');
            if dash_range && self.s.get(self.i + 1).is_some() {
                self.bump();
                hi = self.class_char()?;
                if hi < lo {
                    return Err(format!("invalid character class range: {lo}-{hi}"));
                }
            }
            ranges.push((lo, hi));
        }
        Ok(if negated { negate_ranges(ranges) } else { ranges })
    }

    fn class_char(&mut self) -> Result<char, String> {
        match self.bump() {
            None => Err("missing closing ]".to_string()),
            Some('\\') => self.escape_char(),
            Some(c) => Ok(c),
        }
    }

    /// `[:alpha:]` and friends; `None` if this is not a POSIX class.
    fn posix_class(&mut self) -> Result<Option<Ranges>, String> {
        let rest = &self.s[self.i..];
        if rest.len() <= 2 || rest[0] != '[' || rest[1] != ':' {
            return Ok(None);
        }
        let Some(end) = rest[2..].windows(2).position(|w| w == [':', ']']) else {
            return Ok(None);
        };
        let name: String = rest[2..2 + end].iter().collect();
        let (name, negate) = match name.strip_prefix('^') {
            Some(n) => (n.to_string(), true),
            None => (name, false),
        };
        let ranges =
            posix_ranges(&name).ok_or_else(|| format!("invalid character class range: [:{name}:]"))?;
        self.i += end + 4;
        Ok(Some(if negate { negate_ranges(ranges) } else { ranges }))
    }
}

fn perl_space() -> Ranges {
    vec![('\t', '\n'), ('\u{c}', '\r'), (' ', ' ')]
}

fn perl_word() -> Ranges {
    vec![('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')]
}

fn posix_ranges(name: &str) -> Option<Ranges> {
    let r = match name {
        "alnum" => vec![('0', '9'), ('A', 'Z'), ('a', 'z')],
        "alpha" => vec![('A', 'Z'), ('a', 'z')],
        "ascii" => vec![('\0', '\u{7f}')],
        "blank" => vec![('\t', '\t'), (' ', ' ')],
        "cntrl" => vec![('\0', '\u{1f}'), ('\u{7f}', '\u{7f}')],
        "digit" => vec![('0', '9')],
        "graph" => vec![('!', '~')],
        "lower" => vec![('a', 'z')],
        "print" => vec![(' ', '~')],
        "punct" => vec![('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        "space" => vec![('\t', '\r'), (' ', ' ')],
        "upper" => vec![('A', 'Z')],
        "word" => perl_word(),
        "xdigit" => vec![('0', '9'), ('A', 'F'), ('a', 'f')],
        _ => return None,
    };
    Some(r)
}

/// Complement of a set of ranges over all chars.
fn negate_ranges(mut ranges: Ranges) -> Ranges {
    ranges.sort_unstable();
    let mut out = Vec::new();
    let mut next: u32 = 0;
    for (lo, hi) in ranges {
        if (lo as u32) > next {
            push_range(&mut out, next, lo as u32 - 1);
        }
        next = next.max(hi as u32 + 1);
    }
    push_range(&mut out, next, char::MAX as u32);
    out
}

/// Add [lo, hi] as chars, skipping the surrogate gap.
fn push_range(out: &mut Ranges, lo: u32, hi: u32) {
    let pieces = [(lo, hi.min(0xd7ff)), (lo.max(0xe000), hi)];
    for (a, b) in pieces.into_iter().filter(|(a, b)| a <= b) {
        if let (Some(a), Some(b)) = (char::from_u32(a), char::from_u32(b)) {
            out.push((a, b));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn matcher(patterns: &[&str]) -> PatternMatcher {
        PatternMatcher::new(&strings(patterns)).unwrap()
    }

    /// patternmatcher's package-level MatchesOrParentMatches.
    fn matches(file: &str, patterns: &[&str]) -> Result<bool, String> {
        let pm = PatternMatcher::new(&strings(patterns))?;
        let file = clean(file);
        if file == "." {
            return Ok(false);
        }
        pm.matches_or_parent_matches(&file)
    }

    /// Walk parents first, as fsutil does, then check `text`.
    fn walk_match(pm: &PatternMatcher, text: &str) -> bool {
        let parent = dir(text);
        let mut info = MatchInfo::default();
        if parent != "." {
            let parts: Vec<&str> = parent.split('/').collect();
            for n in 1..=parts.len() {
                info = pm
                    .matches_using_parent_results(&parts[..n].join("/"), &info)
                    .map_or(MatchInfo::default(), |r| r.1);
            }
        }
        pm.matches_using_parent_results(text, &info).is_ok_and(|r| r.0)
    }

    #[test]
    fn simple_cases() {
        assert_eq!(matches("fileutils.go", &["*"]), Ok(true));
        assert_eq!(matches("fileutils.go", &["*.go"]), Ok(true));
        assert_eq!(matches("fileutils.go", &["!fileutils.go", "*.go"]), Ok(true));
        assert_eq!(matches("docs/README.md", &["docs", "!docs/README.md"]), Ok(false));
        assert_eq!(matches("docs/README.md", &["docs/", "!docs/README.md"]), Ok(false));
        assert_eq!(matches("docs/README.md", &["docs/*", "!docs/README.md"]), Ok(false));
        assert_eq!(matches("fileutils.go", &["*.go", "!fileutils.go"]), Ok(false));
        assert_eq!(matches(".", &["*.go"]), Ok(false));
        assert!(matches("fileutils.go", &["!"]).is_err());
        assert_eq!(matches("/any/path/there", &[]), Ok(false));
        assert!(matches("/any/path/there", &["["]).is_err());
    }

    /// patternmatcher_test.go TestMatches, through all three entry points.
    #[test]
    fn match_table() {
        let tests: &[(&str, &str, bool)] = &[
            ("**", "file", true),
            ("**", "file/", true),
            ("**/", "file", true),
            ("**/", "file/", true),
            ("**", "/", true),
            ("**/", "/", true),
            ("**", "dir/file", true),
            ("**/", "dir/file", true),
            ("**", "dir/file/", true),
            ("**/", "dir/file/", true),
            ("**/**", "dir/file", true),
            ("**/**", "dir/file/", true),
            ("dir/**", "dir/file", true),
            ("dir/**", "dir/file/", true),
            ("dir/**", "dir/dir2/file", true),
            ("dir/**", "dir/dir2/file/", true),
            ("**/dir", "dir", true),
            ("**/dir", "dir/file", true),
            ("**/dir2/*", "dir/dir2/file", true),
            ("**/dir2/*", "dir/dir2/file/", true),
            ("**/dir2/**", "dir/dir2/dir3/file", true),
            ("**/dir2/**", "dir/dir2/dir3/file/", true),
            ("**file", "file", true),
            ("**file", "dir/file", true),
            ("**/file", "dir/file", true),
            ("**file", "dir/dir/file", true),
            ("**/file", "dir/dir/file", true),
            ("**/file*", "dir/dir/file", true),
            ("**/file*", "dir/dir/file.txt", true),
            ("**/file*txt", "dir/dir/file.txt", true),
            ("**/file*.txt", "dir/dir/file.txt", true),
            ("**/file*.txt*", "dir/dir/file.txt", true),
            ("**/**/*.txt", "dir/dir/file.txt", true),
            ("**/**/*.txt2", "dir/dir/file.txt", false),
            ("**/*.txt", "file.txt", true),
            ("**/**/*.txt", "file.txt", true),
            ("a**/*.txt", "a/file.txt", true),
            ("a**/*.txt", "a/dir/file.txt", true),
            ("a**/*.txt", "a/dir/dir/file.txt", true),
            ("a/*.txt", "a/dir/file.txt", false),
            ("a/*.txt", "a/file.txt", true),
            ("a/*.txt**", "a/file.txt", true),
            ("a[b-d]e", "ae", false),
            ("a[b-d]e", "ace", true),
            ("a[b-d]e", "aae", false),
            ("a[^b-d]e", "aze", true),
            (".*", ".foo", true),
            (".*", "foo", false),
            ("abc.def", "abcdef", false),
            ("abc.def", "abc.def", true),
            ("abc.def", "abcZdef", false),
            ("abc?def", "abcZdef", true),
            ("abc?def", "abcdef", false),
            ("a\\\\", "a\\", true),
            ("**/foo/bar", "foo/bar", true),
            ("**/foo/bar", "dir/foo/bar", true),
            ("**/foo/bar", "dir/dir2/foo/bar", true),
            ("abc/**", "abc", false),
            ("abc/**", "abc/def", true),
            ("abc/**", "abc/def/ghi", true),
            ("**/.foo", ".foo", true),
            ("**/.foo", "bar.foo", false),
            ("a(b)c/def", "a(b)c/def", true),
            ("a(b)c/def", "a(b)c/xyz", false),
            ("a.|)$(}+{bc", "a.|)$(}+{bc", true),
            (
                "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
                "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
                true,
            ),
            ("dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true),
            ("a\\*b", "a*b", true),
        ];
        for &(pattern, text, pass) in tests {
            let pm = matcher(&[pattern]);
            let direct = pm.matches_or_parent_matches(text).unwrap_or(false);
            assert_eq!(direct, pass, "{pattern:?} {text:?}");
            assert_eq!(walk_match(&pm, text), pass, "walk {pattern:?} {text:?}");
            let no_context = pm.matches_using_parent_results(text, &MatchInfo::default());
            assert_eq!(no_context.map(|r| r.0), Ok(pass), "ctx {pattern:?} {text:?}");
        }
        let whl = "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl";
        let multi: &[(&[&str], &str, bool)] = &[
            (&["**", "!util/docker/web"], "util/docker/web/foo", false),
            (&["**", "!util/docker/web", "util/docker/web/foo"], "util/docker/web/foo", true),
            (&["**", &format!("!{whl}")], whl, false),
            (&["**", "!dist/*.whl"], whl, false),
        ];
        for &(patterns, text, pass) in multi {
            let pm = matcher(patterns);
            assert_eq!(pm.matches_or_parent_matches(text), Ok(pass), "{patterns:?}");
            assert_eq!(walk_match(&pm, text), pass, "walk {patterns:?}");
        }
    }

    /// patternmatcher's copy of Go's match tests (TestMatch).
    #[test]
    fn go_match_tests_via_matcher() {
        let bad = Err(BAD_PATTERN.to_string());
        let cases: &[(&str, &str, Result<bool, String>)] = &[
            ("abc", "abc", Ok(true)),
            ("*", "abc", Ok(true)),
            ("*c", "abc", Ok(true)),
            ("a*", "a", Ok(true)),
            ("a*", "abc", Ok(true)),
            ("a*", "ab/c", Ok(true)),
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
            ("[]a]", "]", bad.clone()),
            ("[-]", "-", bad.clone()),
            ("[x-]", "x", bad.clone()),
            ("[x-]", "-", bad.clone()),
            ("[x-]", "z", bad.clone()),
            ("[-x]", "x", bad.clone()),
            ("[-x]", "-", bad.clone()),
            ("[-x]", "a", bad.clone()),
            ("\\", "a", bad.clone()),
            ("[a-b-c]", "a", bad.clone()),
            ("[", "a", bad.clone()),
            ("[^", "a", bad.clone()),
            ("[^bc", "a", bad.clone()),
            ("a[", "a", bad.clone()),
            ("a[", "ab", bad.clone()),
            ("*x", "xxx", Ok(true)),
        ];
        for (pattern, text, expected) in cases {
            assert_eq!(&matches(text, &[pattern]), expected, "{pattern:?} {text:?}");
        }
    }

    /// patternmatcher's TestCompile (match kinds; our regexps are private).
    #[test]
    fn compile_kinds() {
        let kind = |p: &str| match compile(&clean(p)) {
            Kind::Exact => "exact",
            Kind::Prefix => "prefix",
            Kind::Suffix => "suffix",
            Kind::Regex(_) => "regex",
            Kind::Invalid => "invalid",
        };
        let cases = [
            ("*", "regex"),
            ("file*", "regex"),
            ("**", "suffix"),
            ("**/**", "regex"),
            ("dir/**", "prefix"),
            ("**/dir", "suffix"),
            ("**/dir2/*", "regex"),
            ("**file", "suffix"),
            ("a[b-d]e", "regex"),
            (".*", "regex"),
            ("abc.def", "exact"),
            ("**/foo/bar", "suffix"),
            ("a(b)c/def", "exact"),
            ("a.|)$(}+{bc", "exact"),
            ("[Local-Only]", "invalid"),
        ];
        for (p, expected) in cases {
            assert_eq!(kind(p), expected, "{p:?}");
        }
    }

    #[test]
    fn malformed_pattern_errors_on_every_call() {
        let pm = matcher(&["[Local-Only]/"]);
        for _ in 0..2 {
            assert_eq!(pm.matches_or_parent_matches("x"), Err(BAD_PATTERN.to_string()));
        }
    }

    #[test]
    fn exclusions_flag() {
        assert!(matcher(&["docs", "!docs/README.md"]).exclusions());
        assert!(matcher(&["docs", "  !docs/README.md"]).exclusions());
        assert!(matcher(&["docs", "!docs/README.md  "]).exclusions());
        assert!(!matcher(&["docs", "config", ""]).exclusions());
        assert_eq!(matcher(&["docs", "config", ""]).patterns().len(), 2);
        assert!(PatternMatcher::new(&strings(&["!"])).is_err());
    }

    /// ignorefile_test.go TestReadAll.
    #[test]
    fn read_all() {
        let content =
            "test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n!\n! ";
        let expected = ["test1", "test2", "a/file/here", "lastfile", "!inverted/abs/path", "!", "!"];
        assert_eq!(read_ignore_file(content), expected);
        assert!(read_ignore_file("").is_empty());
        assert_eq!(read_ignore_file("\u{feff}a/../b/\r\n  # kept\n./c//d\n/\n"), ["b", "# kept", "c/d", "/"]);
    }

    #[test]
    fn clean_paths() {
        let cases = [
            ("", "."),
            ("a/b/../c", "a/c"),
            ("/../a", "/a"),
            ("../../a", "../../a"),
            ("a/../..", ".."),
            ("./", "."),
            ("//a//b/", "/a/b"),
            ("a/./b/.", "a/b"),
        ];
        for (input, expected) in cases {
            assert_eq!(clean(input), expected, "{input:?}");
        }
        assert_eq!(dir("a/b/c"), "a/b");
        assert_eq!(dir("a"), ".");
        assert_eq!(dir("/a"), "/");
    }

    /// Quirks that come from patternmatcher passing `[...]` and `\x` to Go
    /// regexp unchanged.
    #[test]
    fn regexp_passthrough_quirks() {
        let yes = |p: &str, t: &str| matcher(&[p]).matches_or_parent_matches(t);
        assert_eq!(yes("\\d", "7"), Ok(true)); // \d is a regexp digit class
        assert_eq!(yes("[[:digit:]]x", "5x"), Ok(true));
        // filepath.Match rejects this one up front.
        assert!(PatternMatcher::new(&strings(&["[a-]"])).is_err());
        assert_eq!(yes("[?]", "[]"), Ok(true)); // ? becomes [^/] inside the class
        assert_eq!(yes("a^b", "a^b"), Ok(true)); // exact: no regexp needed
        assert_eq!(yes("*a^b", "xa^b"), Ok(false)); // in a regexp ^ is an anchor
        assert_eq!(yes("*\\n", "a\n"), Ok(true));
        assert_eq!(yes("x[\\x41]", "xA"), Ok(true));
        assert!(yes("x\\1", "x").is_err());
        assert!(yes("x[[:nope:]]", "x").is_err());
    }

    #[test]
    fn skip_dir_rules() {
        let pm = matcher(&["node_modules", "build/**"]);
        assert!(pm.only_prefix_exclusions());
        assert!(pm.can_skip_dir("node_modules"));
        let pm = matcher(&["build", "!build/keep/*", "!other"]);
        assert!(pm.only_prefix_exclusions());
        assert!(!pm.can_skip_dir("build"));
        assert!(!pm.can_skip_dir("build/keep"));
        assert!(pm.can_skip_dir("build/drop"));
        let pm = matcher(&["build", "!**/*.keep"]);
        assert!(!pm.only_prefix_exclusions());
        assert!(!pm.can_skip_dir("build"));
        let inc = matcher(&["src/app", "docs/*"]);
        assert!(inc.include_can_skip_dir("vendor"));
        assert!(!inc.include_can_skip_dir("src"));
        assert!(!inc.include_can_skip_dir("docs"));
        assert!(!matcher(&["*.go"]).include_can_skip_dir("x"));
    }

    #[test]
    fn parent_results_length_check() {
        let pm = matcher(&["a", "b"]);
        let (_, info) = pm.matches_using_parent_results("a", &MatchInfo::default()).unwrap();
        assert!(pm.matches_using_parent_results("a/x", &info).unwrap().0);
        let other = matcher(&["a"]);
        assert!(other.matches_using_parent_results("a", &info).is_err());
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let long = "a/".repeat(500);
        let patterns = [
            "[",
            "[^",
            "[\\",
            "\\",
            "[a-",
            "a[",
            "a[[:",
            "[[:alpha:",
            "x\\x{",
            "x\\x{110000}",
            "x\\Qab",
            "**/**/**",
            "*[*",
            "[**]",
            "[*]",
            "(",
            ")",
            "a**b",
            "\\",
            "!",
            "!!",
            "[z-a]",
            "[^]",
            "x[]]",
            "x\\p{L}",
            "\u{feff}",
            long.as_str(),
        ];
        for p in patterns {
            if let Ok(pm) = PatternMatcher::new(&strings(&[p, "!x"])) {
                for t in ["", ".", "a", "a/b", "/", "[]", long.as_str()] {
                    let _ = pm.matches_or_parent_matches(t);
                    let _ = pm.matches_using_parent_results(t, &MatchInfo::default());
                    let _ = pm.can_skip_dir(t);
                    let _ = pm.include_can_skip_dir(t);
                }
            }
        }
        let _ = read_ignore_file(&format!("{long}\n!\n\r\n#\n\u{feff}"));
        let pm = matcher(&["**/a*a*a*a*b"]);
        assert_eq!(pm.matches_or_parent_matches(&"a".repeat(50_000)), Ok(false));
    }
}
