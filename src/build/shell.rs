//! Dockerfile shell-word lexer, a port of BuildKit's
//! `frontend/dockerfile/shell/lex.go`, plus the `ENV`/`LABEL`/`ARG`
//! argument splitters from `frontend/dockerfile/parser/line_parsers.go`.
//!
//! The code follows the Go structure closely (including its quirks) so that
//! results match BuildKit byte for byte.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

/// Deepest `${...}` nesting accepted. Go grows its stack on demand; we
/// refuse absurd nesting instead of overflowing ours.
const MAX_NESTING: usize = 200;

/// Lexer settings, mirroring BuildKit's `shell.Lex`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lex {
    /// Escape character: `\` (default) or `` ` `` (`# escape=` directive).
    pub escape: char,
    /// Keep quote characters in the output.
    pub raw_quotes: bool,
    /// Keep escape characters in the output.
    pub raw_escapes: bool,
    /// Leave references to unset variables untouched (`$x`, `${x:-y}`, ...).
    pub skip_unset_env: bool,
    /// Treat `'` and `"` as ordinary characters (BuildKit's SkipProcessQuotes).
    pub skip_process_quotes: bool,
}

/// The longest word an expansion may make: variables that double each
/// other (`ARG B=$A$A`) must not take all memory.
const MAX_EXPANDED: usize = 16 << 20;
const TOO_LONG: &str = "expanded value is longer than 16 MiB";

/// Source of variable values.
pub trait Env {
    /// Value of `name`, or `None` when the variable is unset.
    fn get(&self, name: &str) -> Option<String>;
}

/// Last match wins, like BuildKit's `EnvsFromSlice` with repeated keys.
fn lookup<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)], name: &str) -> Option<String> {
    pairs.iter().rev().find(|(k, _)| k.as_ref() == name).map(|(_, v)| v.as_ref().to_string())
}

impl Env for &[(String, String)] {
    fn get(&self, name: &str) -> Option<String> {
        lookup(self, name)
    }
}

impl Env for Vec<(String, String)> {
    fn get(&self, name: &str) -> Option<String> {
        lookup(self, name)
    }
}

impl Env for &[(&str, &str)] {
    fn get(&self, name: &str) -> Option<String> {
        lookup(self, name)
    }
}

impl Env for Vec<(&str, &str)> {
    fn get(&self, name: &str) -> Option<String> {
        lookup(self, name)
    }
}

impl<const N: usize> Env for [(&str, &str); N] {
    fn get(&self, name: &str) -> Option<String> {
        lookup(self, name)
    }
}

impl Env for HashMap<String, String> {
    fn get(&self, name: &str) -> Option<String> {
        HashMap::get(self, name).cloned()
    }
}

impl Env for BTreeMap<String, String> {
    fn get(&self, name: &str) -> Option<String> {
        BTreeMap::get(self, name).cloned()
    }
}

impl<F: Fn(&str) -> Option<String>> Env for F {
    fn get(&self, name: &str) -> Option<String> {
        self(name)
    }
}

/// Result of [`Lex::process_word`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Processed {
    pub result: String,
    /// Variables that were looked up and set.
    pub matched: BTreeSet<String>,
    /// Variables that were looked up but unset.
    pub unmatched: BTreeSet<String>,
}

/// Lexer error. The text is what BuildKit prints, e.g.
/// `failed to process "${x:?}": x: is not allowed to be unset`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError(pub String);

impl fmt::Display for LexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LexError {}

impl Lex {
    pub fn new(escape: char) -> Lex {
        Lex {
            escape,
            raw_quotes: false,
            raw_escapes: false,
            skip_unset_env: false,
            skip_process_quotes: false,
        }
    }

    /// Expand variables and remove quotes, giving one string (ProcessWord).
    pub fn process_word(&self, word: &str, env: &dyn Env) -> Result<Processed, LexError> {
        let mut sw = ShellWord::new(self, word, env);
        let (result, _) = sw.process(word)?;
        Ok(Processed { result, matched: sw.matched, unmatched: sw.unmatched })
    }

    /// Expand variables and split into words like a shell (ProcessWords).
    /// Also returns the names of the set variables that were used.
    pub fn process_words(
        &self,
        word: &str,
        env: &dyn Env,
    ) -> Result<(Vec<String>, BTreeSet<String>), LexError> {
        let mut sw = ShellWord::new(self, word, env);
        let (_, words) = sw.process(word)?;
        Ok((words, sw.matched))
    }
}

/// Rune reader with Go `text/scanner` Peek/Next semantics (`None` = EOF).
struct Scanner {
    chars: Vec<char>,
    pos: usize,
}

impl Scanner {
    fn new(s: &str) -> Scanner {
        let chars: Vec<char> = s.chars().collect();
        // text/scanner silently drops a byte order mark at the very start.
        let pos = usize::from(chars.first() == Some(&'\u{feff}'));
        Scanner { chars, pos }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let ch = self.peek();
        if ch.is_some() {
            self.pos += 1;
        }
        ch
    }
}

/// How Go's `string(rune)` renders a rune, where EOF (-1) becomes U+FFFD.
fn rune_str(ch: Option<char>) -> String {
    ch.unwrap_or('\u{fffd}').to_string()
}

fn err<T>(msg: impl Into<String>) -> Result<T, String> {
    Err(msg.into())
}

/// Word accumulator for ProcessWords. The character buffer is not owned
/// here: BuildKit shares one buffer between nested calls, see [`ShellWord`].
#[derive(Default)]
struct Words {
    words: Vec<String>,
    in_word: bool,
}

impl Words {
    fn add_char(&mut self, buf: &mut String, ch: char) {
        if ch.is_whitespace() && self.in_word {
            if !buf.is_empty() {
                self.words.push(std::mem::take(buf));
                self.in_word = false;
            }
        } else if !ch.is_whitespace() {
            self.add_raw_char(buf, ch);
        }
    }

    fn add_raw_char(&mut self, buf: &mut String, ch: char) {
        buf.push(ch);
        self.in_word = true;
    }

    fn add_string(&mut self, buf: &mut String, s: &str) {
        for ch in s.chars() {
            self.add_char(buf, ch);
        }
    }

    fn add_raw_string(&mut self, buf: &mut String, s: &str) {
        buf.push_str(s);
        self.in_word = true;
    }

    fn finish(mut self, buf: &mut String) -> Vec<String> {
        if !buf.is_empty() {
            self.words.push(std::mem::take(buf));
        }
        self.words
    }
}

/// State for processing one word (BuildKit's `shellWord`).
struct ShellWord<'a> {
    lex: &'a Lex,
    env: &'a dyn Env,
    scan: Scanner,
    raw_escapes: bool,
    /// Shared by every nested `process_stop_on`, which clears it on entry.
    /// BuildKit does the same, so text gathered for the current word before a
    /// `${name<op>...}` is dropped from ProcessWords output; we keep that.
    words_buf: String,
    depth: usize,
    matched: BTreeSet<String>,
    unmatched: BTreeSet<String>,
}

impl<'a> ShellWord<'a> {
    fn new(lex: &'a Lex, word: &str, env: &'a dyn Env) -> ShellWord<'a> {
        ShellWord {
            lex,
            env,
            scan: Scanner::new(word),
            raw_escapes: lex.raw_escapes,
            words_buf: String::new(),
            depth: 0,
            matched: BTreeSet::new(),
            unmatched: BTreeSet::new(),
        }
    }

    fn process(&mut self, source: &str) -> Result<(String, Vec<String>), LexError> {
        let raw = self.raw_escapes;
        self.process_stop_on(None, raw)
            .map_err(|e| LexError(format!("failed to process {}: {}", crate::template::quote(source), e)))
    }

    /// Process until EOF or `stop` (which is consumed).
    fn process_stop_on(
        &mut self,
        stop: Option<char>,
        raw_escapes: bool,
    ) -> Result<(String, Vec<String>), String> {
        if self.depth >= MAX_NESTING {
            return err("syntax error: substitutions nested too deeply");
        }
        self.depth += 1;
        let saved = self.raw_escapes;
        self.raw_escapes = raw_escapes;
        let out = self.stop_on_loop(stop);
        self.raw_escapes = saved;
        self.depth -= 1;
        out
    }

    fn stop_on_loop(&mut self, stop: Option<char>) -> Result<(String, Vec<String>), String> {
        let mut result = String::new();
        self.words_buf.clear();
        let mut words = Words::default();
        while let Some(ch) = self.scan.peek() {
            if Some(ch) == stop {
                self.scan.next();
                return Ok((result, words.finish(&mut self.words_buf)));
            }
            if let Some(tmp) = self.special_char(ch)? {
                if result.len() + tmp.len() > MAX_EXPANDED {
                    return Err(TOO_LONG.into());
                }
                result.push_str(&tmp);
                if ch == '$' {
                    words.add_string(&mut self.words_buf, &tmp);
                } else {
                    words.add_raw_string(&mut self.words_buf, &tmp);
                }
                continue;
            }
            self.scan.next();
            if ch != self.lex.escape {
                words.add_char(&mut self.words_buf, ch);
                result.push(ch);
                continue;
            }
            if self.raw_escapes {
                words.add_raw_char(&mut self.words_buf, ch);
                result.push(ch);
            }
            // An escape at the very end is dropped.
            let Some(escaped) = self.scan.next() else {
                break;
            };
            words.add_raw_char(&mut self.words_buf, escaped);
            result.push(escaped);
        }
        if let Some(stop) = stop {
            return err(format!("unexpected end of statement while looking for matching {stop}"));
        }
        Ok((result, words.finish(&mut self.words_buf)))
    }

    /// Handle `$`, `<` and quotes; `None` if `ch` is not special.
    fn special_char(&mut self, ch: char) -> Result<Option<String>, String> {
        let quotes = !self.lex.skip_process_quotes;
        let out = match ch {
            '$' => self.process_dollar()?,
            '<' => self.process_possible_heredoc(),
            '\'' if quotes => self.process_single_quote()?,
            '"' if quotes => self.process_double_quote()?,
            _ => return Ok(None),
        };
        Ok(Some(out))
    }

    fn process_single_quote(&mut self) -> Result<String, String> {
        // Everything up to the next ' is literal; ' cannot be escaped.
        let mut result = String::new();
        let open = self.scan.next();
        if self.lex.raw_quotes {
            result.extend(open);
        }
        loop {
            match self.scan.next() {
                None => {
                    return err("unexpected end of statement while looking for matching single-quote");
                }
                Some('\'') => {
                    if self.lex.raw_quotes {
                        result.push('\'');
                    }
                    return Ok(result);
                }
                Some(c) => result.push(c),
            }
        }
    }

    fn process_double_quote(&mut self) -> Result<String, String> {
        // Literal except `$`, and the escape char before `"`, `$` or itself.
        let mut result = String::new();
        let open = self.scan.next();
        if self.lex.raw_quotes {
            result.extend(open);
        }
        loop {
            match self.scan.peek() {
                None => {
                    return err("unexpected end of statement while looking for matching double-quote");
                }
                Some('"') => {
                    self.scan.next();
                    if self.lex.raw_quotes {
                        result.push('"');
                    }
                    return Ok(result);
                }
                Some('$') => {
                    let value = self.process_dollar()?;
                    if result.len() + value.len() > MAX_EXPANDED {
                        return Err(TOO_LONG.into());
                    }
                    result.push_str(&value);
                }
                Some(_) => self.double_quoted_char(&mut result),
            }
        }
    }

    fn double_quoted_char(&mut self, result: &mut String) {
        let Some(mut ch) = self.scan.next() else {
            return;
        };
        if ch == self.lex.escape {
            if self.raw_escapes {
                result.push(ch);
            }
            match self.scan.peek() {
                // Escape at end: dropped; the caller then reports the open quote.
                None => return,
                Some(c) if c == '"' || c == '$' || c == self.lex.escape => {
                    self.scan.next();
                    ch = c;
                }
                Some(_) => {}
            }
        }
        result.push(ch);
    }

    fn process_dollar(&mut self) -> Result<String, String> {
        self.scan.next();
        if self.scan.peek() != Some('{') {
            return Ok(self.plain_dollar());
        }
        self.scan.next();
        match self.scan.peek() {
            None => return err("syntax error: missing '}'"),
            Some('{' | '}' | ':') => return err("syntax error: bad substitution"),
            Some(_) => {}
        }
        let name = self.process_name();
        let ch = self.scan.next();
        match ch {
            Some('}') => Ok(self.braced_value(&name)),
            Some(':' | '+' | '-' | '?' | '#' | '%') => self.modifier(&name, ch),
            Some('/') => self.substitute(&name),
            _ => err(format!("unsupported modifier ({}) in substitution", rune_str(ch))),
        }
    }

    /// `$name` (no braces).
    fn plain_dollar(&mut self) -> String {
        let name = self.process_name();
        if name.is_empty() {
            return "$".to_string();
        }
        match self.get_env(&name) {
            Some(v) => v,
            None if self.lex.skip_unset_env => format!("${name}"),
            None => String::new(),
        }
    }

    /// `${name}`.
    fn braced_value(&mut self, name: &str) -> String {
        match self.get_env(name) {
            Some(v) => v,
            None if self.lex.skip_unset_env => format!("${{{name}}}"),
            None => String::new(),
        }
    }

    /// `${name[:]op word}` for the `-`, `+`, `?`, `#` and `%` operators.
    fn modifier(&mut self, name: &str, first: Option<char>) -> Result<String, String> {
        let mut chs = rune_str(first);
        let mut op = first;
        let null_is_unset = first == Some(':');
        if null_is_unset {
            op = self.scan.next();
            chs.push_str(&rune_str(op));
        }
        let trims = matches!(op, Some('#' | '%'));
        if null_is_unset && trims {
            return err(format!("unsupported modifier ({chs}) in substitution"));
        }
        let word = self.word_until('}', trims, "syntax error: missing '}'")?;
        let value = self.get_env(name);
        if self.lex.skip_unset_env && value.is_none() {
            return Ok(format!("${{{name}{chs}{word}}}"));
        }
        let empty = value.as_deref().is_none_or(|v| null_is_unset && v.is_empty());
        match op {
            Some('-') if empty => Ok(word),
            Some('-') => Ok(value.unwrap_or_default()),
            Some('+') if empty => Ok(String::new()),
            Some('+') => Ok(word),
            Some('?') => required(name, value, null_is_unset, &word),
            Some(c @ ('#' | '%')) => trim(c, &word, &value.unwrap_or_default()),
            _ => err(format!("unsupported modifier ({chs}) in substitution")),
        }
    }

    /// `${name/pattern/replacement}` and `${name//pattern/replacement}`.
    fn substitute(&mut self, name: &str) -> Result<String, String> {
        let all = self.scan.peek() == Some('/');
        if all {
            self.scan.next();
        }
        let pattern = self.word_until('/', true, "syntax error: missing '/' in ${}")?;
        let replacement = self.word_until('}', true, "syntax error: missing '}'")?;
        let value = self.get_env(name);
        if self.lex.skip_unset_env && value.is_none() {
            return Ok(format!("${{{name}/{pattern}/{replacement}}}"));
        }
        let value: Vec<char> = value.unwrap_or_default().chars().collect();
        let re = ShellRegex::new(&pattern, true)
            .map_err(|e| format!("invalid pattern ({pattern}) in substitution: {e}"))?;
        if all {
            return Ok(re.replace_all(&value, &replacement));
        }
        let mut out: String = value.iter().collect();
        if let Some((start, end)) = re.find(&value, false) {
            out = value[..start].iter().collect();
            out.push_str(&replacement);
            out.extend(&value[end..]);
        }
        Ok(out)
    }

    /// Nested word up to `stop`; running out of input gives `eof_msg`.
    fn word_until(&mut self, stop: char, raw: bool, eof_msg: &str) -> Result<String, String> {
        match self.process_stop_on(Some(stop), raw) {
            Ok((word, _)) => Ok(word),
            Err(_) if self.scan.peek().is_none() => err(eof_msg),
            Err(e) => Err(e),
        }
    }

    fn process_name(&mut self) -> String {
        let mut name = String::new();
        while let Some(ch) = self.scan.peek() {
            if name.is_empty() && is_digit(ch) {
                // Positional parameter: all leading digits.
                while let Some(d) = self.scan.peek().filter(|c| is_digit(*c)) {
                    self.scan.next();
                    name.push(d);
                }
                return name;
            }
            if name.is_empty() && is_special_param(ch) {
                self.scan.next();
                return ch.to_string();
            }
            if !ch.is_alphabetic() && !is_digit(ch) && ch != '_' {
                break;
            }
            self.scan.next();
            name.push(ch);
        }
        name
    }

    fn process_possible_heredoc(&mut self) -> String {
        self.scan.next();
        if self.scan.peek() != Some('<') {
            return "<".to_string();
        }
        self.scan.next();
        // Keep `<<` together with the blanks after it as one word.
        let mut out = "<<".to_string();
        while let Some(c) = self.scan.peek().filter(|c| matches!(c, '\t' | '\r' | ' ')) {
            self.scan.next();
            out.push(c);
        }
        out
    }

    fn get_env(&mut self, name: &str) -> Option<String> {
        let value = self.env.get(name);
        let set = if value.is_some() { &mut self.matched } else { &mut self.unmatched };
        set.insert(name.to_string());
        value
    }
}

/// Go's `unicode.IsDigit` is "decimal digit"; std only offers the wider
/// `is_numeric`, which agrees for ASCII.
fn is_digit(ch: char) -> bool {
    ch.is_ascii_digit() || (!ch.is_ascii() && ch.is_numeric())
}

fn is_special_param(ch: char) -> bool {
    matches!(ch, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0')
}

/// `${name?msg}` / `${name:?msg}`.
fn required(name: &str, value: Option<String>, null_is_unset: bool, word: &str) -> Result<String, String> {
    let message = |default: &str| {
        let m = if word.is_empty() { default } else { word };
        format!("{name}: {m}")
    };
    match value {
        None => Err(message("is not allowed to be unset")),
        Some(v) if null_is_unset && v.is_empty() => Err(message("is not allowed to be empty")),
        Some(v) => Ok(v),
    }
}

/// `${x#pat}`, `${x##pat}`, `${x%pat}`, `${x%%pat}`.
fn trim(op: char, word: &str, value: &str) -> Result<String, String> {
    // A doubled operator (## or %%) means the longest match.
    let (greedy, pattern) = match word.strip_prefix(op) {
        Some(rest) => (true, rest),
        None => (false, word),
    };
    if op == '%' {
        trim_suffix(pattern, value, greedy)
    } else {
        trim_prefix(pattern, value, greedy)
    }
}

fn trim_prefix(pattern: &str, value: &str, greedy: bool) -> Result<String, String> {
    let re = ShellRegex::new(pattern, greedy)
        .map_err(|e| format!("invalid pattern ({pattern}) in substitution: {e}"))?;
    let chars: Vec<char> = value.chars().collect();
    match re.find(&chars, true) {
        Some((_, end)) => Ok(chars[end..].iter().collect()),
        None => Ok(value.to_string()),
    }
}

/// Shortest/longest suffix: reverse pattern and value and trim a prefix,
/// as BuildKit does (its regexps only search leftmost).
fn trim_suffix(pattern: &str, value: &str, greedy: bool) -> Result<String, String> {
    let reversed: String = value.chars().rev().collect();
    let trimmed = trim_prefix(&reverse_pattern(pattern), &reversed, greedy)?;
    Ok(trimmed.chars().rev().collect())
}

/// Reverse a pattern while keeping `\x` escape pairs in order.
fn reverse_pattern(pattern: &str) -> String {
    let runes: Vec<char> = pattern.chars().collect();
    let mut out = runes.clone();
    let last = runes.len().saturating_sub(1);
    let mut i = 0;
    while i < runes.len() {
        let out_idx = last - i;
        if runes[i] == '\\' && i != last {
            out[out_idx - 1] = '\\';
            out[out_idx] = runes[i + 1];
            i += 2;
        } else {
            out[out_idx] = runes[i];
            i += 1;
        }
    }
    out.into_iter().collect()
}

/// One element of a converted shell pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Lit(char),
    /// `?`: any char except newline (Go regexp `.`).
    Any,
    /// `*`: any run of non-newline chars (Go regexp `.*` or `.*?`).
    Star,
}

/// BuildKit's `convertShellPatternToRegex`, evaluated directly with Go
/// regexp's leftmost-first semantics instead of building a regexp.
struct ShellRegex {
    toks: Vec<Tok>,
    greedy: bool,
}

impl ShellRegex {
    fn new(pattern: &str, greedy: bool) -> Result<ShellRegex, String> {
        let mut scan = Scanner::new(pattern);
        let mut toks = Vec::new();
        while let Some(ch) = scan.next() {
            let tok = match ch {
                '*' => Tok::Star,
                '?' => Tok::Any,
                // `\}` and `\/` protect the ${} delimiters; the `\` goes.
                '\\' if matches!(scan.peek(), Some('}' | '/')) => continue,
                '\\' => match scan.next() {
                    Some(c @ ('*' | '?' | '\\')) => Tok::Lit(c),
                    other => return err(format!("invalid escape '\\{}'", rune_str(other))),
                },
                c => Tok::Lit(c),
            };
            toks.push(tok);
        }
        Ok(ShellRegex { toks, greedy })
    }

    /// Leftmost match at or after `from` as char offsets (start, end).
    fn find_from(
        &self,
        text: &[char],
        from: usize,
        anchored: bool,
        failed: &mut Visited,
    ) -> Option<(usize, usize)> {
        // A state that failed once fails again whatever the start was, so
        // one visited set serves all starts and keeps the search linear.
        failed.reset();
        let last_start = if anchored { from } else { text.len() };
        (from..=last_start).find_map(|start| Some((start, self.match_at(text, start, failed)?)))
    }

    fn find(&self, text: &[char], anchored: bool) -> Option<(usize, usize)> {
        let mut failed = Visited::new(self.toks.len() + 1, text.len() + 1);
        self.find_from(text, 0, anchored, &mut failed)
    }

    /// Backtracking in priority order with an explicit stack (no recursion).
    fn match_at(&self, text: &[char], start: usize, failed: &mut Visited) -> Option<usize> {
        let mut stack = vec![(0usize, start)];
        while let Some((pi, ti)) = stack.pop() {
            if !failed.insert(pi, ti) {
                continue;
            }
            let Some(tok) = self.toks.get(pi) else {
                return Some(ti);
            };
            let ch = text.get(ti).copied();
            let can_eat = ch.is_some_and(|c| c != '\n');
            match tok {
                Tok::Lit(l) if ch == Some(*l) => stack.push((pi + 1, ti + 1)),
                Tok::Any if can_eat => stack.push((pi + 1, ti + 1)),
                Tok::Star => {
                    // Pushed last = tried first.
                    let eat = (pi, ti + 1);
                    let skip = (pi + 1, ti);
                    match (can_eat, self.greedy) {
                        (false, _) => stack.push(skip),
                        (true, true) => stack.extend([skip, eat]),
                        (true, false) => stack.extend([eat, skip]),
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// Go's `Regexp.ReplaceAllString`, including `$0`/`$$` expansion.
    fn replace_all(&self, text: &[char], repl: &str) -> String {
        let mut out = String::new();
        let mut last_end = 0;
        let mut search = 0;
        let mut failed = Visited::new(self.toks.len() + 1, text.len() + 1);
        while search <= text.len() {
            let Some((start, end)) = self.find_from(text, search, false, &mut failed) else {
                break;
            };
            out.extend(&text[last_end..start]);
            // Skip an empty match right after the previous match.
            if end > last_end || start == 0 {
                out.push_str(&expand(repl, &text[start..end]));
            }
            last_end = end;
            search = if search + 1 > end { search + 1 } else { end };
        }
        out.extend(&text[last_end.min(text.len())..]);
        out
    }
}

/// Set of (token, text position) search states.
enum Visited {
    Bits {
        bits: Vec<u64>,
        width: usize,
        /// Words set since the last reset, so resets cost only what was used.
        touched: Vec<usize>,
    },
    /// For huge pattern x text products, where a bitmap would be too big.
    Sparse(HashSet<(usize, usize)>),
}

impl Visited {
    const MAX_BITS: usize = 1 << 28;

    fn new(rows: usize, width: usize) -> Visited {
        match rows.checked_mul(width) {
            Some(n) if n <= Self::MAX_BITS => {
                Visited::Bits { bits: vec![0; n.div_ceil(64)], width, touched: Vec::new() }
            }
            _ => Visited::Sparse(HashSet::new()),
        }
    }

    /// Mark a state; false if it was already marked.
    fn insert(&mut self, row: usize, col: usize) -> bool {
        match self {
            Visited::Bits { bits, width, touched } => {
                let i = row * *width + col;
                let (word, bit) = (i / 64, 1u64 << (i % 64));
                if bits[word] == 0 {
                    touched.push(word);
                }
                let fresh = bits[word] & bit == 0;
                bits[word] |= bit;
                fresh
            }
            Visited::Sparse(set) => set.insert((row, col)),
        }
    }

    fn reset(&mut self) {
        match self {
            Visited::Bits { bits, touched, .. } => {
                for word in touched.drain(..) {
                    bits[word] = 0;
                }
            }
            Visited::Sparse(set) => set.clear(),
        }
    }
}

/// Go's `Regexp.Expand` for a regexp whose only group is the whole match.
fn expand(template: &str, whole: &[char]) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('$') {
            out.push('$');
            rest = r;
            continue;
        }
        match extract_group(rest) {
            None => out.push('$'),
            Some((name, r)) => {
                if name == "0" {
                    out.extend(whole);
                }
                rest = r;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Go's regexp `extract`: `name` or `{name}` after a `$`.
fn extract_group(s: &str) -> Option<(&str, &str)> {
    let (braced, body) = match s.strip_prefix('{') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let len = body
        .char_indices()
        .find(|(_, c)| !(c.is_alphabetic() || is_digit(*c) || *c == '_'))
        .map_or(body.len(), |(i, _)| i);
    if len == 0 {
        return None;
    }
    let (name, after) = body.split_at(len);
    if !braced {
        return Some((name, after));
    }
    after.strip_prefix('}').map(|r| (name, r))
}

// ---------------------------------------------------------------------------
// ENV / LABEL / ARG argument splitting (parser/line_parsers.go).

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Spaces,
    Word,
    Quote,
}

/// BuildKit's `parseWords`: split on whitespace, respecting quotes and the
/// escape char. Quotes and escapes are kept; they are removed later.
pub fn parse_words(rest: &str, escape: char) -> Vec<String> {
    let chars: Vec<char> = rest.chars().collect();
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut quote = '\0';
    let mut blank_ok = false;
    let mut buf = String::new();
    let mut pos = 0;
    loop {
        let Some(&ch) = chars.get(pos) else {
            if phase != Phase::Spaces && (blank_ok || !buf.is_empty()) {
                words.push(buf);
            }
            return words;
        };
        let at_last = pos + 1 == chars.len();
        pos += 1;
        if phase == Phase::Spaces {
            if ch.is_whitespace() {
                continue;
            }
            phase = Phase::Word;
        }
        if phase == Phase::Word {
            if ch.is_whitespace() {
                phase = Phase::Spaces;
                if blank_ok || !buf.is_empty() {
                    words.push(std::mem::take(&mut buf));
                }
                buf.clear();
                blank_ok = false;
                continue;
            }
            if ch == '\'' || ch == '"' {
                quote = ch;
                blank_ok = true;
                phase = Phase::Quote;
            }
            if ch == escape {
                if at_last {
                    continue; // an escape at end of line is dropped
                }
                // Unquoted escape: keep it and the next char, even a quote.
                buf.push(ch);
                buf.push(chars[pos]);
                pos += 1;
                continue;
            }
            buf.push(ch);
            continue;
        }
        // Phase::Quote
        if ch == quote {
            phase = Phase::Word;
        }
        // Nothing can be escaped inside single quotes.
        if ch == escape && quote != '\'' {
            if at_last {
                phase = Phase::Word;
                continue;
            }
            buf.push(ch);
            buf.push(chars[pos]);
            pos += 1;
            continue;
        }
        buf.push(ch);
    }
}

/// `ENV`/`LABEL` arguments as raw (unexpanded) key/value pairs; errors
/// name the `ENV` instruction. See [`split_key_values_for`].
pub fn split_key_values(s: &str, escape: char) -> Result<Vec<(String, String)>, String> {
    split_key_values_for("ENV", s, escape)
}

/// BuildKit's `parseNameVal` followed by `parseKvps` for instruction `cmd`.
/// `KEY value...` (legacy, first word without `=`) gives one pair whose
/// value is the rest of the line; otherwise every word must be `k=v`.
pub fn split_key_values_for(cmd: &str, s: &str, escape: char) -> Result<Vec<(String, String)>, String> {
    let words = parse_words(s, escape);
    let Some(first) = words.first() else {
        return Err(format!("{cmd} requires at least one argument"));
    };
    let pairs = if first.contains('=') {
        split_equals_words(&words)?
    } else {
        let (key, value) = split_legacy(s).ok_or(format!("{cmd} must have two arguments"))?;
        vec![(key.to_string(), value.to_string())]
    };
    if pairs.iter().any(|(k, _)| k.is_empty()) {
        return Err(format!("{cmd} names can not be blank"));
    }
    Ok(pairs)
}

fn split_equals_words(words: &[String]) -> Result<Vec<(String, String)>, String> {
    words
        .iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) => Ok((k.to_string(), v.to_string())),
            None => Err(format!(
                "Syntax error - can't find = in {}. Must be of the form: name=value",
                crate::template::quote(w)
            )),
        })
        .collect()
}

/// `regexp("[\t\v\f\r ]+").Split(s, 2)`.
fn split_legacy(s: &str) -> Option<(&str, &str)> {
    let is_blank = |c: char| matches!(c, '\t' | '\u{b}' | '\u{c}' | '\r' | ' ');
    let start = s.find(is_blank)?;
    let after = &s[start..];
    let end = after.find(|c| !is_blank(c)).unwrap_or(after.len());
    Some((&s[..start], &after[end..]))
}

/// `ARG` arguments (`parseNameOrNameVal` + instructions' `parseArg`):
/// `name` gives `(name, None)`, `name=value` gives `(name, Some(value))`.
pub fn split_arg_definitions(s: &str, escape: char) -> Result<Vec<(String, Option<String>)>, String> {
    let words = parse_words(s, escape);
    if words.is_empty() {
        return Err("ARG requires at least one argument".to_string());
    }
    words
        .into_iter()
        .map(|w| match w.split_once('=') {
            Some(("", _)) => Err("ARG names can not be blank".to_string()),
            Some((k, v)) => Ok((k.to_string(), Some(v.to_string()))),
            None => Ok((w, None)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    /// `EnvsFromSlice`: "k=v" entries, a missing '=' means an empty value.
    fn env_from_lines(lines: &[String]) -> Vec<(String, String)> {
        lines
            .iter()
            .map(|l| match l.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (l.clone(), String::new()),
            })
            .collect()
    }

    fn word(input: &str, env: &dyn Env) -> Result<String, LexError> {
        Lex::new('\\').process_word(input, env).map(|p| p.result)
    }

    fn words(lex: &Lex, input: &str, env: &dyn Env) -> Vec<String> {
        match lex.process_words(input, env) {
            Ok((w, _)) => w,
            Err(_) => vec!["error".to_string()],
        }
    }

    /// Port of TestShellParser4EnvVars over BuildKit's envVarTest file.
    #[test]
    fn doubling_variables_stop_at_a_bound() {
        let lex = Lex::new('\\');
        let mut env: Vec<(String, String)> = vec![("A0".into(), "xx".into())];
        let mut failed = false;
        for i in 1..40 {
            match lex.process_word(&format!("$A{0}$A{0}", i - 1), &env) {
                Ok(p) => env.push((format!("A{i}"), p.result)),
                Err(e) => {
                    assert!(e.0.contains("longer than 16 MiB"), "{}", e.0);
                    failed = true;
                    break;
                }
            }
        }
        assert!(failed);
    }

    #[test]
    fn env_var_test_file() {
        let env = env_of(&[("PWD", "/home"), ("SHELL", "bash"), ("KOREAN", "한국어"), ("NULL", "")]);
        let mut checked = 0;
        for (n, line) in ENV_VAR_TEST.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let parts: Vec<&str> = line.trim().split('|').collect();
            assert_eq!(parts.len(), 3, "line {n}");
            let (platform, source, expected) = (parts[0].trim(), parts[1].trim(), parts[2].trim());
            if platform == "W" {
                continue;
            }
            let got = word(source, &env);
            if expected == "error" {
                assert!(got.is_err(), "line {n}: {source:?} gave {got:?}");
            } else {
                assert_eq!(got.as_deref(), Ok(expected), "line {n}: {source:?}");
            }
            checked += 1;
        }
        assert!(checked > 200);
    }

    /// Port of TestShellParser4Words over BuildKit's wordsTest file.
    #[test]
    fn words_test_file() {
        let lex = Lex::new('\\');
        let mut envs = Vec::new();
        for (n, line) in WORDS_TEST.lines().enumerate() {
            if line.starts_with('#') {
                continue;
            }
            if let Some(rest) = line.strip_prefix("ENV ") {
                envs.push(rest.trim_start_matches(' ').to_string());
                continue;
            }
            let parts: Vec<&str> = line.split('|').collect();
            assert_eq!(parts.len(), 2, "line {n}");
            let expected: Vec<&str> = parts[1].trim_start_matches(' ').split(',').collect();
            let got = words(&lex, parts[0].trim(), &env_from_lines(&envs));
            assert_eq!(got, expected, "line {n}: {:?}", parts[0]);
        }
    }

    /// Port of TestShellParserMandatoryEnvVars.
    #[test]
    fn mandatory_env_vars() {
        let set = env_of(&[("VAR", "plain"), ("ARG", "x")]);
        let empty = env_of(&[("VAR", ""), ("ARG", "x")]);
        let unset = env_of(&[("ARG", "x")]);
        let no_empty = "${VAR:?message here$ARG}";
        let no_unset = "${VAR?message here$ARG}";

        assert_eq!(word(no_empty, &set).unwrap(), "plain");
        assert!(word(no_empty, &empty).unwrap_err().0.contains("message herex"));
        assert!(word(no_empty, &unset).unwrap_err().0.contains("message herex"));

        assert_eq!(word(no_unset, &set).unwrap(), "plain");
        assert_eq!(word(no_unset, &empty).unwrap(), "");
        assert!(word(no_unset, &unset).unwrap_err().0.contains("message herex"));
    }

    #[test]
    fn later_env_entries_win() {
        let env = env_from_lines(&["foo=bar".into(), "car=hat".into(), "car=bike".into()]);
        assert_eq!(word("$car", &env).unwrap(), "bike");
        let env = env_from_lines(&["foo".into()]);
        assert_eq!(word("[$foo]", &env).unwrap(), "[]");
    }

    struct Case {
        input: &'static str,
        env: &'static [(&'static str, &'static str)],
        expected: Option<&'static str>,
        matched: &'static [&'static str],
        unmatched: &'static [&'static str],
    }

    const fn ok(
        input: &'static str,
        env: &'static [(&'static str, &'static str)],
        expected: &'static str,
        matched: &'static [&'static str],
        unmatched: &'static [&'static str],
    ) -> Case {
        Case { input, env, expected: Some(expected), matched, unmatched }
    }

    const fn bad(input: &'static str, env: &'static [(&'static str, &'static str)]) -> Case {
        Case { input, env, expected: None, matched: &[], unmatched: &[] }
    }

    const FB: &[(&str, &str)] = &[("FOO", "xxx"), ("BAR", "")];

    /// Port of TestProcessWithMatches.
    #[test]
    fn process_with_matches() {
        let cases = [
            ok("x", &[("DUMMY", "dummy")], "x", &[], &[]),
            ok("x ${UNUSED}", &[("DUMMY", "dummy")], "x ", &[], &["UNUSED"]),
            ok("x ${FOO}", &[("FOO", "y")], "x y", &["FOO"], &[]),
            ok("${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", FB, "xxx  ccc", &["FOO", "BAR"], &["BAZ"]),
            ok("${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", FB, "xxx bbb ccc", &["FOO", "BAR"], &["BAZ"]),
            ok("${FOO:-}", FB, "xxx", &["FOO"], &[]),
            ok("${FOO:-}", &[], "", &[], &["FOO"]),
            ok("${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", FB, "aaa bbb ", &["FOO", "BAR"], &["BAZ"]),
            ok("${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", FB, "aaa  ", &["FOO", "BAR"], &["BAZ"]),
            ok("${FOO?aaa}", FB, "xxx", &["FOO"], &[]),
            ok("${BAR?bbb}", FB, "", &["BAR"], &[]),
            bad("${BAZ?ccc}", FB),
            ok("${FOO:?aaa}", FB, "xxx", &["FOO"], &[]),
            bad("${BAR:?bbb}", FB),
            bad("${BAZ:?ccc}", FB),
            bad("${BAZ:?}", FB),
            bad("${FOO=aaa}", FB),
            bad("${FOO=:aaa}", FB),
            bad("${FOO=}", &[]),
            ok("${FOO#()[]{\\}^$.\\*\\?|\\\\}", &[("FOO", "()[]{}^$.*?|\\x")], "x", &["FOO"], &[]),
            ok("${FOO%%\\**}", &[("FOO", "xx**")], "xx", &["FOO"], &[]),
            ok("${FOO#*x*y}", &[("FOO", "xxyy")], "y", &["FOO"], &[]),
            ok("${FOO#*}", &[("FOO", "xxyy")], "xxyy", &["FOO"], &[]),
            ok("${FOO#$BAR}", &[("FOO", "xxyy"), ("BAR", "x")], "xyy", &["FOO", "BAR"], &[]),
            ok("${FOO#$BAR}", &[("FOO", "xxyy"), ("BAR", "")], "xxyy", &["FOO", "BAR"], &[]),
            ok("${FOO#}", &[("FOO", "xxyy")], "xxyy", &["FOO"], &[]),
            ok("${FOO##*x}", &[("FOO", "xxyy")], "yy", &["FOO"], &[]),
            ok("${FOO##}", &[("FOO", "xxyy")], "xxyy", &["FOO"], &[]),
            ok("${FOO#?\\?}", &[("FOO", "???y")], "?y", &["FOO"], &[]),
            ok("${ABC:-.}${FOO%x}${ABC:-.}", &[("FOO", "xxyy")], ".xxyy.", &["FOO"], &["ABC"]),
            ok("${FOO%%\\**\\*}", &[("FOO", "a***yy*")], "a", &["FOO"], &[]),
            ok("${FOO%}", &[("FOO", "xxyy")], "xxyy", &["FOO"], &[]),
            ok("${FOO%%$BAR}", &[("FOO", "xxyy"), ("BAR", "")], "xxyy", &["FOO", "BAR"], &[]),
            bad("${FOO:#}", &[]),
            bad("${FOO:##}", &[]),
            bad("${FOO:%}", &[]),
            bad("${FOO:%%}", &[]),
            ok(
                "${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}",
                &[("FOO", "/foo*/*/*.txt"), ("NEEDLE", "\\*/")],
                "/foo.*/*.txt - /foo..*.txt",
                &["FOO", "NEEDLE"],
                &[],
            ),
            ok(
                "${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}",
                &[("FOO", "/tmp/tmp/bar.txt"), ("NEEDLE", "/tmp")],
                "/tmp/bar.txt - /bar.txt",
                &["FOO", "NEEDLE"],
                &[],
            ),
            ok(
                "${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}",
                &[("FOO", "/a/foo/b/c.txt"), ("NEEDLE", "/?/"), ("REPLACEMENT", "/")],
                "/foo/b/c.txt - /foo/c.txt",
                &["FOO", "NEEDLE", "REPLACEMENT"],
                &[],
            ),
            ok(
                "${FOO/$NEEDLE/$REPLACEMENT}",
                &[("FOO", "http://google.de"), ("NEEDLE", "http://"), ("REPLACEMENT", "https://")],
                "https://google.de",
                &["FOO", "NEEDLE", "REPLACEMENT"],
                &[],
            ),
            ok("${FOO//\\//\\/}", &[("FOO", "/tmp/foo.txt")], "\\/tmp\\/foo.txt", &["FOO"], &[]),
            ok("${FOO/$BAR/ww}", &[("FOO", "xxyy"), ("BAR", "")], "wwxxyy", &["FOO", "BAR"], &[]),
            bad("${FOO//ww}", &[("FOO", "xxyy")]),
            bad("${FOO//}", &[("FOO", "xxyy")]),
            ok("${FOO///}", &[("FOO", "xxyy")], "xxyy", &["FOO"], &[]),
            ok("${FOO///}", &[], "", &[], &["FOO"]),
        ];
        let lex = Lex::new('\\');
        for c in &cases {
            let got = lex.process_word(c.input, &c.env);
            let Some(expected) = c.expected else {
                assert!(got.is_err(), "{:?} gave {got:?}", c.input);
                continue;
            };
            let got = got.unwrap_or_else(|e| panic!("{:?}: {e}", c.input));
            assert_eq!(got.result, expected, "{:?}", c.input);
            let set = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
            assert_eq!(got.matched, set(c.matched), "{:?}", c.input);
            assert_eq!(got.unmatched, set(c.unmatched), "{:?}", c.input);
        }
    }

    /// Port of TestProcessWithMatchesPlatform.
    #[test]
    fn release_file_name() {
        let release =
            "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz";
        let base = [("VERSION", "v1.2.3"), ("TARGETOS", "linux")];
        let mut env = env_of(&base);
        env.extend(env_of(&[("TARGETARCH", "arm"), ("TARGETVARIANT", "v7")]));
        assert_eq!(word(release, &env).unwrap(), "something-v1.2.3.linux-arm-v7.tar.gz");
        let mut env = env_of(&base);
        env.extend(env_of(&[("TARGETARCH", "arm64"), ("TARGETVARIANT", "")]));
        assert_eq!(word(release, &env).unwrap(), "something-v1.2.3.linux-arm64.tar.gz");
        let mut env = env_of(&base);
        env.extend(env_of(&[("TARGETARCH", "arm64")]));
        assert_eq!(word(release, &env).unwrap(), "something-v1.2.3.linux-arm64.tar.gz");
    }

    /// Port of TestConvertShellPatternToRegex (validity part).
    #[test]
    fn shell_pattern_escapes() {
        for p in ["*", "?", "\\*", "(()[]{\\}^$.\\*\\?|\\\\"] {
            assert!(ShellRegex::new(p, true).is_ok(), "{p:?}");
        }
        for p in ["\\", "\\x", "\\\\\\"] {
            assert!(ShellRegex::new(p, true).is_err(), "{p:?}");
        }
    }

    /// Port of TestReversePattern.
    #[test]
    fn reverse_patterns() {
        let cases = [
            ("a\\*c", "c\\*a"),
            ("\\\\\\ab", "b\\a\\\\"),
            ("ab\\", "\\ba"),
            ("👽\\🚀🖖", "🖖\\🚀👽"),
            ("\\\\b", "b\\\\"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(reverse_pattern(input), expected, "{input:?}");
        }
    }

    #[test]
    fn error_messages() {
        let none: &[(&str, &str)] = &[];
        let msg = |input: &str| word(input, &none).unwrap_err().to_string();
        assert_eq!(msg("${x:?}"), "failed to process \"${x:?}\": x: is not allowed to be unset");
        assert_eq!(msg("${x?oops}"), "failed to process \"${x?oops}\": x: oops");
        let empty = [("x", "")];
        assert_eq!(
            word("${x:?}", &empty).unwrap_err().0,
            "failed to process \"${x:?}\": x: is not allowed to be empty"
        );
        assert!(
            msg("\"abc").ends_with(": unexpected end of statement while looking for matching double-quote")
        );
        assert!(
            msg("'abc").ends_with(": unexpected end of statement while looking for matching single-quote")
        );
        assert!(msg("${x").ends_with(": unsupported modifier (\u{fffd}) in substitution"));
        assert!(msg("${x:-abc").ends_with(": syntax error: missing '}'"));
        assert!(msg("${").ends_with(": syntax error: missing '}'"));
        assert!(msg("${}").ends_with(": syntax error: bad substitution"));
        assert!(msg("${x=y}").ends_with(": unsupported modifier (=) in substitution"));
        assert!(msg("${x:=y}").ends_with(": unsupported modifier (:=) in substitution"));
        assert!(msg("${x:#y}").ends_with(": unsupported modifier (:#) in substitution"));
        assert!(msg("${x/abc}").ends_with(": syntax error: missing '/' in ${}"));
        assert!(msg("${x#\\a}").ends_with(": invalid pattern (\\a) in substitution: invalid escape '\\a'"));
        // The open quote inside ${} is reported as the missing brace.
        assert!(msg("${x:-\"a}").ends_with(": syntax error: missing '}'"));
        assert_eq!(
            msg("\"a\tb"),
            "failed to process \"\\\"a\\tb\": unexpected end of statement while looking for matching double-quote"
        );
    }

    #[test]
    fn skip_unset_env_keeps_references() {
        let mut lex = Lex::new('\\');
        lex.skip_unset_env = true;
        let env = [("SET", "v")];
        let cases = [
            ("$UNSET-$SET", "$UNSET-v"),
            ("${UNSET}", "${UNSET}"),
            ("${UNSET:-d}", "${UNSET:-d}"),
            ("${UNSET+$SET}", "${UNSET+v}"),
            ("${UNSET##*}", "${UNSET##*}"),
            ("${UNSET//a/b}", "${UNSET/a/b}"),
            ("${SET:-d}", "v"),
            ("${UNSET:?}", "${UNSET:?}"),
        ];
        for (input, expected) in cases {
            assert_eq!(lex.process_word(input, &env).unwrap().result, expected, "{input:?}");
        }
    }

    #[test]
    fn raw_modes() {
        let env = [("A", "1")];
        let mut lex = Lex::new('\\');
        lex.raw_quotes = true;
        assert_eq!(lex.process_word("'a'\"$A\"", &env).unwrap().result, "'a'\"1\"");
        let mut lex = Lex::new('\\');
        lex.raw_escapes = true;
        assert_eq!(lex.process_word("a\\ b\\$A \"\\$A\"", &env).unwrap().result, "a\\ b\\$A \\$A");
        let mut lex = Lex::new('\\');
        lex.skip_process_quotes = true;
        assert_eq!(lex.process_word("'$A' \"x\"", &env).unwrap().result, "'1' \"x\"");
    }

    #[test]
    fn backtick_escape() {
        let env = [("A", "1")];
        let lex = Lex::new('`');
        assert_eq!(lex.process_word("C:\\dir `$A `\"", &env).unwrap().result, "C:\\dir $A \"");
        assert_eq!(lex.process_word("\"`\"x\\\"", &env).unwrap().result, "\"x\\");
    }

    #[test]
    fn trims_and_replacements() {
        let env = [("P", "/usr/local/bin/tool.tar.gz"), ("E", ""), ("N", "a\nb")];
        let cases = [
            ("${P#*/}", "usr/local/bin/tool.tar.gz"),
            ("${P##*/}", "tool.tar.gz"),
            ("${P%.*}", "/usr/local/bin/tool.tar"),
            ("${P%%.*}", "/usr/local/bin/tool"),
            ("${P/local/opt}", "/usr/opt/bin/tool.tar.gz"),
            ("${P//o/0}", "/usr/l0cal/bin/t00l.tar.gz"),
            ("${P//?/x}", "xxxxxxxxxxxxxxxxxxxxxxxxxx"),
            ("${E//*/x}", "x"),
            ("${P//*/[\\$0]}", "[\\/usr/local/bin/tool.tar.gz]"),
            ("${P/*/}", ""),
            ("${N/*/x}", "x\nb"),
            ("${N##*}", "\nb"),
        ];
        for (input, expected) in cases {
            assert_eq!(word(input, &env).unwrap(), expected, "{input:?}");
        }
        // ReplaceAllString expands $0 and $$ in the replacement text.
        let env = [("V", "abc"), ("R", "<$0|$$|$1|${0}|$x>")];
        assert_eq!(word("${V//b/$R}", &env).unwrap(), "a<b|$||b|>c");
        assert_eq!(word("${V/b/$R}", &env).unwrap(), "a<$0|$$|$1|${0}|$x>c");
        // Empty matches: one per position, none right after a match.
        let env = [("V", "abc")];
        assert_eq!(word("${V//$NOPE/-}", &env).unwrap(), "-a-b-c-");
    }

    /// BuildKit shares one word buffer between nested lexing calls, so a
    /// `${x<op>...}` drops what was gathered of the current word before it.
    #[test]
    fn words_buffer_quirk() {
        let lex = Lex::new('\\');
        let env = [("X", "1")];
        assert_eq!(words(&lex, "ab${X:-d} c", &env), ["1", "c"]);
        assert_eq!(words(&lex, "ab${X} c", &env), ["ab1", "c"]);
        assert_eq!(words(&lex, "a ${Y:-b c}d", &env), ["a", "b", "cd"]);
    }

    #[test]
    fn heredoc_marker_stays_one_word() {
        let lex = Lex::new('\\');
        let none: &[(&str, &str)] = &[];
        assert_eq!(words(&lex, "cat <<  EOF x", &none), ["cat", "<<  EOF", "x"]);
        assert_eq!(words(&lex, "a<b", &none), ["a<b"]);
    }

    #[test]
    fn env_impls() {
        let map: HashMap<String, String> = [("A".to_string(), "1".to_string())].into();
        assert_eq!(word("$A", &map).unwrap(), "1");
        let closure = |n: &str| (n == "A").then(|| "2".to_string());
        assert_eq!(word("$A$B", &closure).unwrap(), "2");
        let owned = env_of(&[("A", "3")]);
        let slice: &[(String, String)] = &owned;
        assert_eq!(word("$A", &slice).unwrap(), "3");
        let (w, matched) = Lex::new('\\').process_words("$A $B", &owned).unwrap();
        assert_eq!(w, ["3"]);
        assert_eq!(matched.into_iter().collect::<Vec<_>>(), ["A"]);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let env = [("A", "x*y"), ("B", "")];
        let long = "a".repeat(100_000);
        let mut inputs: Vec<String> = [
            "$",
            "${",
            "${A",
            "${A:",
            "${A:-",
            "${A/",
            "${A//",
            "${A/x",
            "${A#",
            "${A%%",
            "\\",
            "`",
            "'",
            "\"",
            "\"\\",
            "${A:-\"",
            "${A:-'",
            "$$$$",
            "${{",
            "${:",
            "${A:?",
            "${A/[/x}",
            "${A#\\",
            "${A%\\",
            "\u{feff}$A",
            "${A//\\/}",
            "<<",
            "<",
            "<<\t",
            "${A:-${B:-${C:-",
            "${A//*/}",
            "${A//?/$0$0}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        inputs.push("${A:-".repeat(10_000));
        inputs.push(format!("{}{}", "${A:-".repeat(150), "}".repeat(150)));
        inputs.push("${L//*a*a*a*/x}".to_string());
        inputs.push(format!("\"{long}"));
        inputs.push(format!("{long}\\"));
        let big_env = [("L", long.as_str())];
        for lex in [Lex::new('\\'), Lex::new('`')] {
            for input in &inputs {
                let _ = lex.process_word(input, &env);
                let _ = lex.process_words(input, &env);
                let _ = lex.process_word(input, &big_env);
                let _ = split_key_values(input, lex.escape);
                let _ = split_arg_definitions(input, lex.escape);
            }
        }
        let nested = format!("{}{}", "${A:-".repeat(150), "}".repeat(150));
        assert_eq!(word(&nested, &env).unwrap(), "x*y");
        assert!(word(&"${A:-".repeat(10_000), &env).is_err());
        // Many stars against a long value stays fast (memoised search).
        let stars = format!("${{L//{}b/x}}", "*a".repeat(50));
        assert_eq!(word(&stars, &big_env).unwrap(), long);
        // Many matches in a long value stay linear too.
        assert_eq!(word("${L//a/b}", &big_env).unwrap(), "b".repeat(100_000));
        assert_eq!(word("${L//$NOPE/-}", &big_env).unwrap().len(), 200_001);
    }

    #[test]
    fn parse_words_keeps_quotes_and_escapes() {
        let cases: [(&str, &[&str]); 9] = [
            ("a b  c", &["a", "b", "c"]),
            ("  a=\"b c\" d='e f'", &["a=\"b c\"", "d='e f'"]),
            ("a\\ b c", &["a\\ b", "c"]),
            ("a\\\"b c\"", &["a\\\"b", "c\""]),
            ("\"\" x", &["\"\"", "x"]),
            ("x\\", &["x"]),
            ("\"a\\", &["\"a"]),
            ("'a\\' b'", &["'a\\'", "b'"]),
            ("", &[]),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_words(input, '\\'), expected, "{input:?}");
        }
        assert_eq!(parse_words("a` b", '`'), ["a` b"]);
    }

    #[test]
    fn key_values() {
        let kv = |s: &str| split_key_values(s, '\\');
        let pairs = |p: &[(&str, &str)]| -> Vec<(String, String)> { env_of(p) };
        // Port of TestParseNameValOldFormat / NewFormat / WithoutVal.
        assert_eq!(kv("foo bar"), Ok(pairs(&[("foo", "bar")])));
        assert_eq!(kv("foo=bar thing=star"), Ok(pairs(&[("foo", "bar"), ("thing", "star")])));
        assert_eq!(kv("foo"), Err("ENV must have two arguments".to_string()));
        // Legacy form: the value is the raw rest of the line.
        assert_eq!(kv("foo  bar  \"baz\" "), Ok(pairs(&[("foo", "bar  \"baz\" ")])));
        assert_eq!(kv("a=\"b c\" d=e\\ f g="), Ok(pairs(&[("a", "\"b c\""), ("d", "e\\ f"), ("g", "")])));
        assert_eq!(kv("a=1=2"), Ok(pairs(&[("a", "1=2")])));
        assert_eq!(
            kv("a=b c"),
            Err("Syntax error - can't find = in \"c\". Must be of the form: name=value".to_string())
        );
        assert_eq!(kv("=b"), Err("ENV names can not be blank".to_string()));
        assert_eq!(kv(""), Err("ENV requires at least one argument".to_string()));
        assert_eq!(
            split_key_values_for("LABEL", "=x", '\\'),
            Err("LABEL names can not be blank".to_string())
        );
    }

    #[test]
    fn arg_definitions() {
        let got = split_arg_definitions("A B=1 C=\"x y\" D=", '\\').unwrap();
        let expected = [
            ("A".to_string(), None),
            ("B".to_string(), Some("1".to_string())),
            ("C".to_string(), Some("\"x y\"".to_string())),
            ("D".to_string(), Some(String::new())),
        ];
        assert_eq!(got, expected);
        assert_eq!(split_arg_definitions("=x", '\\'), Err("ARG names can not be blank".to_string()));
        assert_eq!(split_arg_definitions(" ", '\\'), Err("ARG requires at least one argument".to_string()));
    }

    /// BuildKit's frontend/dockerfile/shell/envVarTest.
    const ENV_VAR_TEST: &str = r##"A|hello                    |     hello
A|he'll'o                  |     hello
A|he'llo                   |     error
A|he\'llo                  |     he'llo
A|he\\'llo                 |     error
A|abc\tdef                 |     abctdef
A|"abc\tdef"               |     abc\tdef
A|"abc\\tdef"              |     abc\tdef
A|'abc\tdef'               |     abc\tdef
A|hello\                   |     hello
A|hello\\                  |     hello\
A|"hello                   |     error
A|"hello\"                 |     error
A|"hel'lo"                 |     hel'lo
A|'hello                   |     error
A|'hello\'                 |     hello\
A|'hello\there'            |     hello\there
A|'hello\\there'           |     hello\\there
A|"''"                     |     ''
A|$.                       |     $.
A|he$1x                    |     hex
A|he$.x                    |     he$.x
# Next one is different on Windows as $pwd==$PWD
U|he$pwd.                  |     he.
W|he$pwd.                  |     he/home.
A|he$PWD                   |     he/home
A|he\$PWD                  |     he$PWD
A|he\\$PWD                 |     he\/home
A|"he\$PWD"                |     he$PWD
A|"he\\$PWD"               |     he\/home
A|\${}                     |     ${}
A|\${}aaa                  |     ${}aaa
A|he\${}                   |     he${}
A|he\${}xx                 |     he${}xx
A|${}                      |     error
A|${}aaa                   |     error
A|he${}                    |     error
A|he${}xx                  |     error
A|he${hi}                  |     he
A|he${hi}xx                |     hexx
A|he${PWD}                 |     he/home
A|he${.}                   |     error
A|he${XXX:-000}xx          |     he000xx
A|he${PWD:-000}xx          |     he/homexx
A|he${XXX:-$PWD}xx         |     he/homexx
A|he${XXX:-${PWD:-yyy}}xx  |     he/homexx
A|he${XXX:-${YYY:-yyy}}xx  |     heyyyxx
A|he${XXX:YYY}             |     error
A|he${XXX?}                |     error
A|he${XXX:?}               |     error
A|he${PWD?}                |     he/home
A|he${PWD:?}               |     he/home
A|he${NULL?}               |     he
A|he${NULL:?}              |     error
A|he${XXX:+${PWD}}xx       |     hexx
A|he${PWD:+${XXX}}xx       |     hexx
A|he${PWD:+${SHELL}}xx     |     hebashxx
A|he${XXX:+000}xx          |     hexx
A|he${PWD:+000}xx          |     he000xx
A|'he${XX}'                |     he${XX}
A|"he${PWD}"               |     he/home
A|"he'$PWD'"               |     he'/home'
A|"$PWD"                   |     /home
A|'$PWD'                   |     $PWD
A|'\$PWD'                  |     \$PWD
A|'"hello"'                |     "hello"
A|he\$PWD                  |     he$PWD
A|"he\$PWD"                |     he$PWD
A|'he\$PWD'                |     he\$PWD
A|he${PWD                  |     error
A|he${PWD:=000}xx          |     error
A|he${PWD:+${PWD}:}xx      |     he/home:xx
A|he${XXX:-\$PWD:}xx       |     he$PWD:xx
A|he${XXX:-\${PWD}z}xx     |     he${PWDz}xx
A|안녕하세요                 |     안녕하세요
A|안'녕'하세요               |     안녕하세요
A|안'녕하세요                |     error
A|안녕\'하세요               |     안녕'하세요
A|안\\'녕하세요              |     error
A|안녕\t하세요               |     안녕t하세요
A|"안녕\t하세요"             |     안녕\t하세요
A|'안녕\t하세요              |     error
A|안녕하세요\                |     안녕하세요
A|안녕하세요\\               |     안녕하세요\
A|"안녕하세요                |     error
A|"안녕하세요\"              |     error
A|"안녕'하세요"              |     안녕'하세요
A|'안녕하세요                |     error
A|'안녕하세요\'              |     안녕하세요\
A|안녕$1x                    |     안녕x
A|안녕$.x                    |     안녕$.x
# Next one is different on Windows as $pwd==$PWD
U|안녕$pwd.                  |     안녕.
W|안녕$pwd.                  |     안녕/home.
A|안녕$PWD                   |     안녕/home
A|안녕\$PWD                  |     안녕$PWD
A|안녕\\$PWD                 |     안녕\/home
A|안녕\${}                   |     안녕${}
A|안녕\${}xx                 |     안녕${}xx
A|안녕${}                    |     error
A|안녕${}xx                  |     error
A|안녕${hi}                  |     안녕
A|안녕${hi}xx                |     안녕xx
A|안녕${PWD}                 |     안녕/home
A|안녕${.}                   |     error
A|안녕${XXX:-000}xx          |     안녕000xx
A|안녕${PWD:-000}xx          |     안녕/homexx
A|안녕${XXX:-$PWD}xx         |     안녕/homexx
A|안녕${XXX:-${PWD:-yyy}}xx  |     안녕/homexx
A|안녕${XXX:-${YYY:-yyy}}xx  |     안녕yyyxx
A|안녕${XXX:YYY}             |     error
A|안녕${XXX:+${PWD}}xx       |     안녕xx
A|안녕${PWD:+${XXX}}xx       |     안녕xx
A|안녕${PWD:+${SHELL}}xx     |     안녕bashxx
A|안녕${XXX:+000}xx          |     안녕xx
A|안녕${PWD:+000}xx          |     안녕000xx
A|'안녕${XX}'                |     안녕${XX}
A|"안녕${PWD}"               |     안녕/home
A|"안녕'$PWD'"               |     안녕'/home'
A|'"안녕"'                   |     "안녕"
A|안녕\$PWD                  |     안녕$PWD
A|"안녕\$PWD"                |     안녕$PWD
A|'안녕\$PWD'                |     안녕\$PWD
A|안녕${PWD                  |     error
A|안녕${PWD:=000}xx          |     error
A|안녕${PWD:+${PWD}:}xx      |     안녕/home:xx
A|안녕${XXX:-\$PWD:}xx       |     안녕$PWD:xx
A|안녕${XXX:-\${PWD}z}xx     |     안녕${PWDz}xx
A|$KOREAN                    |     한국어
A|안녕$KOREAN                |     안녕한국어
A|${{aaa}                   |     error
A|${aaa}}                   |     }
A|${aaa                     |     error
A|${{aaa:-bbb}              |     error
A|${aaa:-bbb}}              |     bbb}
A|${aaa:-bbb                |     error
A|${aaa:-bbb}               |     bbb
A|${aaa:-${bbb:-ccc}}       |     ccc
A|${aaa:-bbb ${foo}         |     error
A|${aaa:-bbb {foo}          |     bbb {foo
A|${:}                      |     error
A|${:-bbb}                  |     error
A|${:+bbb}                  |     error

# Positional parameters won't be set:
# http://pubs.opengroup.org/onlinepubs/009695399/utilities/xcu_chap02.html#tag_02_05_01
A|$1                        |
A|${1}                      |
A|${1:+bbb}                 |
A|${1:-bbb}                 |     bbb
A|$2                        |
A|${2}                      |
A|${2:+bbb}                 |
A|${2:-bbb}                 |     bbb
A|$3                        |
A|${3}                      |
A|${3:+bbb}                 |
A|${3:-bbb}                 |     bbb
A|$4                        |
A|${4}                      |
A|${4:+bbb}                 |
A|${4:-bbb}                 |     bbb
A|$5                        |
A|${5}                      |
A|${5:+bbb}                 |
A|${5:-bbb}                 |     bbb
A|$6                        |
A|${6}                      |
A|${6:+bbb}                 |
A|${6:-bbb}                 |     bbb
A|$7                        |
A|${7}                      |
A|${7:+bbb}                 |
A|${7:-bbb}                 |     bbb
A|$8                        |
A|${8}                      |
A|${8:+bbb}                 |
A|${8:-bbb}                 |     bbb
A|$9                        |
A|${9}                      |
A|${9:+bbb}                 |
A|${9:-bbb}                 |     bbb
A|$999                      |
A|${999}                    |
A|${999:+bbb}               |
A|${999:-bbb}               |     bbb
A|$999aaa                   |     aaa
A|${999}aaa                 |     aaa
A|${999:+bbb}aaa            |     aaa
A|${999:-bbb}aaa            |     bbbaaa
A|$001                      |
A|${001}                    |
A|${001:+bbb}               |
A|${001:-bbb}               |     bbb
A|$001aaa                   |     aaa
A|${001}aaa                 |     aaa
A|${001:+bbb}aaa            |     aaa
A|${001:-bbb}aaa            |     bbbaaa

# Special parameters won't be set in the Dockerfile:
# http://pubs.opengroup.org/onlinepubs/009695399/utilities/xcu_chap02.html#tag_02_05_02
A|$@                        |
A|${@}                      |
A|${@:+bbb}                 |
A|${@:-bbb}                 |     bbb
A|$@@@                      |     @@
A|$@aaa                     |     aaa
A|${@}aaa                   |     aaa
A|${@:+bbb}aaa              |     aaa
A|${@:-bbb}aaa              |     bbbaaa
A|$*                        |
A|${*}                      |
A|${*:+bbb}                 |
A|${*:-bbb}                 |     bbb
A|$#                        |
A|${#}                      |
A|${#:+bbb}                 |
A|${#:-bbb}                 |     bbb
A|$?                        |
A|${?}                      |
A|${?:+bbb}                 |
A|${?:-bbb}                 |     bbb
A|$-                        |
A|${-}                      |
A|${-:+bbb}                 |
A|${-:-bbb}                 |     bbb
A|$$                        |
A|${$}                      |
A|${$:+bbb}                 |
A|${$:-bbb}                 |     bbb
A|$!                        |
A|${!}                      |
A|${!:+bbb}                 |
A|${!:-bbb}                 |     bbb
A|$0                        |
A|${0}                      |
A|${0:+bbb}                 |
A|${0:-bbb}                 |     bbb
"##;

    /// BuildKit's frontend/dockerfile/shell/wordsTest.
    const WORDS_TEST: &str = r##"hello | hello
hello${hi}bye | hellobye
ENV hi=hi
hello${hi}bye | hellohibye
ENV space=abc  def
hello${space}bye | helloabc,defbye
hello"${space}"bye | helloabc  defbye
hello "${space}"bye | hello,abc  defbye
ENV leading=  ab c
hello${leading}def | hello,ab,cdef
hello"${leading}" def | hello  ab c,def
hello"${leading}" | hello  ab c
hello${leading} | hello,ab,c
# next line MUST have 3 trailing spaces, don't erase them!
ENV trailing=ab c   
hello${trailing} | helloab,c
hello${trailing}d | helloab,c,d
hello"${trailing}"d | helloab c   d
# next line MUST have 3 trailing spaces, don't erase them!
hel"lo${trailing}" | helloab c   
hello" there  " | hello there  
hello there     | hello,there
hello\ there | hello there
hello" there | error
hello\" there | hello",there
hello"\\there" | hello\there
hello"\there" | hello\there
hello'\\there' | hello\\there
hello'\there' | hello\there
hello'$there' | hello$there
"##;
}
