//! The lexer of Go's text/template (`lex.go`): text and `{{ }}` actions,
//! with trim markers and comments, split into tokens carrying their byte offset.

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Text(String),
    Left,
    Right,
    Space,
    /// `.Name` (one element; a chain is several in a row)
    Field(String),
    /// `$name` or `$`
    Var(String),
    Dot,
    Ident(String),
    Str(String),
    /// A raw number literal, parsed by the parser as Go does.
    Number(String),
    Char(char),
    Bool(bool),
    Nil,
    Pipe,
    LParen,
    RParen,
    Declare,
    Assign,
    Comma,
    Keyword(&'static str),
    Eof,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub tok: Tok,
    pub pos: usize,
}

const KEYWORDS: &[&str] =
    &["block", "break", "continue", "define", "else", "end", "if", "range", "template", "with"];

/// Splits `text` into tokens; an error is Go's message and the line it is on.
pub fn lex(text: &str) -> Result<Vec<Token>, (usize, String)> {
    let mut l = Lexer { text, pos: 0, out: Vec::new(), paren: 0 };
    l.run()?;
    Ok(l.out)
}

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    out: Vec<Token>,
    paren: usize,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

impl Lexer<'_> {
    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn line(&self, pos: usize) -> usize {
        1 + self.text[..pos.min(self.text.len())].matches('\n').count()
    }

    fn fail<T>(&self, msg: impl Into<String>) -> Result<T, (usize, String)> {
        Err((self.line(self.pos), msg.into()))
    }

    fn push(&mut self, tok: Tok, pos: usize) {
        self.out.push(Token { tok, pos });
    }

    fn run(&mut self) -> Result<(), (usize, String)> {
        loop {
            let Some(i) = self.rest().find("{{") else {
                if self.pos < self.text.len() {
                    self.push(Tok::Text(self.rest().to_string()), self.pos);
                }
                self.push(Tok::Eof, self.text.len());
                return Ok(());
            };
            let start = self.pos + i;
            let after = &self.text[start + 2..];
            let trim_left = after.starts_with('-') && after.as_bytes().get(1).is_some_and(|&c| is_space(c));
            let mut text = &self.text[self.pos..start];
            if trim_left {
                text = text.trim_end_matches(|c: char| c.is_ascii() && is_space(c as u8));
            }
            if !text.is_empty() {
                self.push(Tok::Text(text.to_string()), self.pos);
            }
            self.pos = start + 2 + if trim_left { 2 } else { 0 };
            if self.rest().starts_with("/*") {
                self.comment()?;
                continue;
            }
            self.push(Tok::Left, start);
            self.action()?;
        }
    }

    /// After `{{/*`: the comment must end in `*/` right before the delimiter.
    fn comment(&mut self) -> Result<(), (usize, String)> {
        let Some(end) = self.rest().find("*/") else { return self.fail("unclosed comment") };
        self.pos += end + 2;
        let (trim, len) = self.right_delim();
        if len == 0 {
            return self.fail("comment ends before closing delimiter");
        }
        self.pos += len;
        if trim {
            self.skip_space_after_trim();
        }
        Ok(())
    }

    /// Whether the right delimiter (with or without trim marker) is here, and its length.
    fn right_delim(&self) -> (bool, usize) {
        let r = self.rest().as_bytes();
        if r.len() >= 4 && is_space(r[0]) && r[1] == b'-' && r[2] == b'}' && r[3] == b'}' {
            return (true, 4);
        }
        if r.starts_with(b"}}") {
            return (false, 2);
        }
        (false, 0)
    }

    fn skip_space_after_trim(&mut self) {
        let n = self.rest().len()
            - self.rest().trim_start_matches(|c: char| c.is_ascii() && is_space(c as u8)).len();
        self.pos += n;
    }

    fn action(&mut self) -> Result<(), (usize, String)> {
        loop {
            let (trim, len) = self.right_delim();
            if len > 0 && self.paren > 0 {
                // Go's lexer: a right delimiter inside parentheses.
                return self.fail("unclosed left paren");
            }
            if len > 0 {
                let at = self.pos + if trim { 1 } else { 0 };
                self.pos += len;
                self.push(Tok::Right, at);
                if trim {
                    self.skip_space_after_trim();
                }
                return Ok(());
            }
            let Some(c) = self.rest().chars().next() else { return self.fail("unclosed action") };
            let start = self.pos;
            match c {
                '\n' | ' ' | '\t' | '\r' => {
                    let mut n =
                        self.rest().len() - self.rest().trim_start_matches([' ', '\t', '\r', '\n']).len();
                    // The space before a trim marker (" -}}") belongs to it.
                    if self.rest()[n..].starts_with("-}}") {
                        n -= 1;
                    }
                    self.pos += n;
                    if n > 0 {
                        self.push(Tok::Space, start);
                    }
                }
                '=' => {
                    self.pos += 1;
                    self.push(Tok::Assign, start);
                }
                ':' => {
                    if !self.rest().starts_with(":=") {
                        return self.fail("expected :=");
                    }
                    self.pos += 2;
                    self.push(Tok::Declare, start);
                }
                '|' => {
                    self.pos += 1;
                    self.push(Tok::Pipe, start);
                }
                '"' => {
                    let s = self.quoted()?;
                    self.push(Tok::Str(s), start);
                }
                '`' => {
                    let Some(end) = self.rest()[1..].find('`') else {
                        return self.fail("unterminated raw quoted string");
                    };
                    let s = self.rest()[1..1 + end].to_string();
                    self.pos += end + 2;
                    self.push(Tok::Str(s), start);
                }
                '\'' => {
                    let c = self.char_literal()?;
                    self.push(Tok::Char(c), start);
                }
                '$' => {
                    let name = self.word(1);
                    self.pos += name.len();
                    self.push(Tok::Var(name), start);
                }
                '.' => {
                    if self.rest().as_bytes().get(1).is_some_and(u8::is_ascii_digit) {
                        self.number()?;
                        continue;
                    }
                    let name = self.word(1);
                    self.pos += name.len();
                    if name.len() == 1 {
                        self.push(Tok::Dot, start);
                    } else {
                        self.push(Tok::Field(name[1..].to_string()), start);
                    }
                }
                '(' => {
                    self.pos += 1;
                    self.paren += 1;
                    self.push(Tok::LParen, start);
                }
                ')' => {
                    if self.paren == 0 {
                        return self.fail("unexpected right paren");
                    }
                    self.pos += 1;
                    self.paren -= 1;
                    self.push(Tok::RParen, start);
                }
                ',' => {
                    self.pos += 1;
                    self.push(Tok::Comma, start);
                }
                '+' | '-' | '0'..='9' => self.number()?,
                c if c == '_' || c.is_alphabetic() => {
                    let word = self.word(0);
                    self.pos += word.len();
                    let tok = match word.as_str() {
                        "true" => Tok::Bool(true),
                        "false" => Tok::Bool(false),
                        "nil" => Tok::Nil,
                        w => match KEYWORDS.iter().find(|k| **k == w) {
                            Some(k) => Tok::Keyword(k),
                            None => Tok::Ident(word),
                        },
                    };
                    self.push(tok, start);
                }
                c => return self.fail(format!("unrecognized character in action: {}", go_quote_rune(c))),
            }
        }
    }

    /// The alphanumeric run starting `skip` bytes in (Go's isAlphaNumeric).
    fn word(&self, skip: usize) -> String {
        let r = &self.rest()[skip..];
        let n = r.find(|c: char| !(c == '_' || c.is_alphanumeric())).unwrap_or(r.len());
        self.rest()[..skip + n].to_string()
    }

    fn number(&mut self) -> Result<(), (usize, String)> {
        let start = self.pos;
        let r = self.rest();
        let n = r
            .char_indices()
            .skip(1)
            .find(|(i, c)| {
                let prev = r.as_bytes()[i - 1];
                !(c.is_ascii_alphanumeric()
                    || *c == '.'
                    || *c == '_'
                    || ((*c == '+' || *c == '-') && matches!(prev, b'e' | b'E' | b'p' | b'P')))
            })
            .map(|(i, _)| i)
            .unwrap_or(r.len());
        let lit = r[..n].to_string();
        if lit == "+" || lit == "-" {
            return self.fail(format!("bad number syntax: {lit:?}"));
        }
        self.pos += n;
        self.push(Tok::Number(lit), start);
        Ok(())
    }

    /// Where the quote opened here closes (escapes skipped), on this line.
    fn closing(&self, quote: char) -> Option<usize> {
        let mut esc = false;
        for (i, c) in self.rest().char_indices().skip(1) {
            match c {
                _ if esc => esc = false,
                '\\' => esc = true,
                '\n' => return None,
                c if c == quote => return Some(i),
                _ => {}
            }
        }
        None
    }

    fn quoted(&mut self) -> Result<String, (usize, String)> {
        let r = self.rest();
        let Some(end) = self.closing('"') else { return self.fail("unterminated quoted string") };
        let body = &r[1..end];
        let s =
            unquote(body).map_err(|_| (self.line(self.pos), format!("invalid syntax: {}", &r[..=end])))?;
        self.pos += end + 1;
        Ok(s)
    }

    fn char_literal(&mut self) -> Result<char, (usize, String)> {
        let r = self.rest();
        let Some(end) = self.closing('\'') else { return self.fail("unterminated character constant") };
        let s = unquote(&r[1..end]).ok().filter(|s| s.chars().count() == 1);
        let Some(c) = s.and_then(|s| s.chars().next()) else {
            return self.fail(format!("malformed character constant: {}", &r[..=end]));
        };
        self.pos += end + 1;
        Ok(c)
    }
}

/// Go's strconv.Unquote of a double-quoted body.
pub fn unquote(body: &str) -> Result<String, ()> {
    let mut out = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else { return Err(()) };
        let hex = |chars: &mut std::iter::Peekable<std::str::Chars>, n: usize| -> Result<u32, ()> {
            let mut v = 0;
            for _ in 0..n {
                let d = chars.next().and_then(|c| c.to_digit(16)).ok_or(())?;
                v = v * 16 + d;
            }
            Ok(v)
        };
        match e {
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '\'' => out.push('\''),
            'x' => {
                // A byte; only ASCII keeps the string valid UTF-8 here.
                let v = hex(&mut chars, 2)?;
                out.push(char::from_u32(v).filter(|_| v < 0x80).unwrap_or('\u{fffd}'));
            }
            'u' => out.push(char::from_u32(hex(&mut chars, 4)?).ok_or(())?),
            'U' => out.push(char::from_u32(hex(&mut chars, 8)?).ok_or(())?),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    v = v * 8 + chars.next().and_then(|c| c.to_digit(8)).ok_or(())?;
                }
                if v > 255 {
                    return Err(());
                }
                out.push(char::from_u32(v).filter(|_| v < 0x80).unwrap_or('\u{fffd}'));
            }
            _ => return Err(()),
        }
    }
    Ok(out)
}

/// A rune as Go's %q shows it in lexer errors.
fn go_quote_rune(c: char) -> String {
    match c {
        '\'' => "'\\''".into(),
        c if c.is_control() => format!("'\\x{:02x}'", c as u32),
        c => format!("'{c}'"),
    }
}
