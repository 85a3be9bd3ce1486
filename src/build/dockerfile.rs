//! A Dockerfile as the builder uses it: `parse-dockerfile` finds the
//! instructions, heredocs and the escape directive; this turns its borrowed
//! tree into owned steps with their line numbers, joins continuation lines as
//! BuildKit does, and keeps the raw text that ONBUILD triggers and complex
//! heredocs need.

use parse_dockerfile as pd;

use super::heredoc;

/// Why a Dockerfile cannot be used: the message and the line (1-based) it names.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Exec(Vec<String>),
    /// The command line as one string, continuations joined.
    Shell(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Path(String),
    Heredoc { name: String, content: String, expand: bool },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heredoc {
    pub name: String,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Instr {
    Arg(String),
    Run {
        flags: Vec<(String, String)>,
        command: Command,
        heredocs: Vec<Heredoc>,
    },
    Cmd(Command),
    Entrypoint(Command),
    Env(String),
    Label(String),
    Maintainer(String),
    Expose(Vec<String>),
    User(String),
    Workdir(String),
    Volume(Vec<String>),
    StopSignal(String),
    Shell(Vec<String>),
    /// `None`: `HEALTHCHECK NONE`.
    Healthcheck {
        flags: Vec<(String, String)>,
        command: Option<Command>,
    },
    Copy {
        add: bool,
        flags: Vec<(String, String)>,
        sources: Vec<Source>,
        dest: String,
    },
    /// The trigger instruction's text.
    Onbuild(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// First and last line of the instruction (1-based).
    pub line: usize,
    pub end_line: usize,
    /// The instruction as written, continuations joined (for progress output).
    pub text: String,
    pub instr: Instr,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    /// The image (or stage) named after FROM, before expansion.
    pub base: String,
    /// `AS name`, lowercased as BuildKit does.
    pub name: Option<String>,
    pub platform: Option<String>,
    pub line: usize,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dockerfile {
    pub escape: char,
    /// ARG instructions before the first FROM.
    pub global_args: Vec<Step>,
    pub stages: Vec<Stage>,
}

/// The source text's line starts, for turning byte offsets into line numbers.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

pub fn parse(text: &str) -> Result<Dockerfile, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (masked, heredocs) = heredoc::extract(text, escape_directive(text))
        .map_err(|line| ParseError { line, message: "unterminated heredoc".into() })?;
    let text = masked.as_str();
    let parsed = pd::parse(text).map_err(parse_error)?;
    let escape = parsed.parser_directives.escape.as_ref().map(|d| d.value.value).unwrap_or('\\');
    let lines = Lines::new(text);
    let starts: Vec<usize> = parsed.instructions.iter().map(|i| keyword_span(i).start).collect();
    let mut out = Dockerfile { escape, global_args: Vec::new(), stages: Vec::new() };
    for (n, instruction) in parsed.instructions.iter().enumerate() {
        let start = starts[n];
        let end = starts.get(n + 1).copied().unwrap_or(text.len());
        let raw = trim_trailing_comments(&text[start..end]);
        let line = lines.line_of(start);
        let end_line = lines.line_of(start + raw.len().saturating_sub(1));
        if let pd::Instruction::From(from) = instruction {
            out.stages.push(Stage {
                base: from.image.value.to_string(),
                name: from.as_.as_ref().map(|(_, n)| n.value.to_lowercase()),
                platform: flag_value(&from.options, "platform"),
                line,
                steps: Vec::new(),
            });
            continue;
        }
        let docs = heredocs.iter().find(|(l, _)| *l == line).map(|(_, d)| d.as_slice()).unwrap_or(&[]);
        let step = Step {
            line,
            end_line,
            text: heredoc::unmask(&join_continuations(raw, escape)),
            instr: convert(instruction, text, escape, docs)
                .map_err(|message| ParseError { line, message })?,
        };
        match out.stages.last_mut() {
            Some(stage) => stage.steps.push(step),
            None => out.global_args.push(step),
        }
    }
    Ok(out)
}

/// The `# escape=` directive, read before parsing (the heredoc pass needs it).
fn escape_directive(text: &str) -> char {
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix('#') else { break };
        let Some((k, v)) = rest.split_once('=') else { break };
        if k.trim().eq_ignore_ascii_case("escape") {
            return if v.trim() == "`" { '`' } else { '\\' };
        }
    }
    '\\'
}

fn parse_error(e: pd::Error) -> ParseError {
    let text = e.to_string();
    let message = text.split(" at line ").next().unwrap_or(&text).to_string();
    let message = match message.strip_prefix("unknown instruction '") {
        Some(rest) => format!("unknown instruction: {}", rest.trim_end_matches('\'')),
        None => message,
    };
    ParseError { line: e.line(), message }
}

fn keyword_span(i: &pd::Instruction<'_>) -> std::ops::Range<usize> {
    use pd::Instruction as I;
    match i {
        I::Add(x) => x.add.span.clone(),
        I::Arg(x) => x.arg.span.clone(),
        I::Cmd(x) => x.cmd.span.clone(),
        I::Copy(x) => x.copy.span.clone(),
        I::Entrypoint(x) => x.entrypoint.span.clone(),
        I::Env(x) => x.env.span.clone(),
        I::Expose(x) => x.expose.span.clone(),
        I::From(x) => x.from.span.clone(),
        I::Healthcheck(x) => x.healthcheck.span.clone(),
        I::Label(x) => x.label.span.clone(),
        I::Maintainer(x) => x.maintainer.span.clone(),
        I::Onbuild(x) => x.onbuild.span.clone(),
        I::Run(x) => x.run.span.clone(),
        I::Shell(x) => x.shell.span.clone(),
        I::Stopsignal(x) => x.stopsignal.span.clone(),
        I::User(x) => x.user.span.clone(),
        I::Volume(x) => x.volume.span.clone(),
        I::Workdir(x) => x.workdir.span.clone(),
        _ => 0..0,
    }
}

/// Drops the comment and blank lines that follow an instruction.
fn trim_trailing_comments(raw: &str) -> &str {
    let mut end = raw.len();
    loop {
        let body = raw[..end].trim_end();
        let last_start = body.rfind('\n').map(|i| i + 1).unwrap_or(0);
        if last_start > 0 && body[last_start..].trim_start().starts_with('#') {
            end = last_start - 1;
            continue;
        }
        return body;
    }
}

/// Joins lines ending in the escape character, dropping comment and empty
/// lines inside the continuation, as BuildKit's parser does.
pub fn join_continuations(raw: &str, escape: char) -> String {
    let mut out = String::new();
    let mut continued = false;
    for line in raw.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if continued && (line.trim().is_empty() || line.trim_start().starts_with('#')) {
            continue;
        }
        let trimmed = line.trim_end();
        match trimmed.strip_suffix(escape) {
            Some(head) if !trimmed.ends_with(&format!("{escape}{escape}")) || escape != '\\' => {
                out.push_str(head);
                continued = true;
            }
            _ => {
                out.push_str(line);
                out.push('\n');
                continued = false;
            }
        }
    }
    out.trim_end_matches('\n').trim().to_string()
}

fn flag_value(flags: &[pd::Flag<'_>], name: &str) -> Option<String> {
    flags
        .iter()
        .find(|f| f.name.value == name)
        .map(|f| f.value.as_ref().map(|v| v.value.to_string()).unwrap_or_default())
}

fn flags(flags: &[pd::Flag<'_>]) -> Vec<(String, String)> {
    flags
        .iter()
        .map(|f| {
            (f.name.value.to_string(), f.value.as_ref().map(|v| v.value.to_string()).unwrap_or_default())
        })
        .collect()
}

fn command(c: &pd::Command<'_>, escape: char) -> Command {
    match c {
        pd::Command::Exec(args) => Command::Exec(args.value.iter().map(|a| a.value.to_string()).collect()),
        pd::Command::Shell(s) => Command::Shell(join_continuations(s.value, escape)),
        _ => Command::Shell(String::new()),
    }
}

/// The delimiters of the heredocs opened on `line`, in order.
pub fn heredoc_names(line: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("<<") {
        rest = &rest[i + 2..];
        let r = rest.strip_prefix('-').unwrap_or(rest);
        let (quote, r) = match r.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &r[1..]),
            _ => (None, r),
        };
        let name: String = r.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if name.is_empty() {
            continue;
        }
        if let Some(q) = quote {
            if !r[name.len()..].starts_with(q) {
                continue;
            }
        }
        names.push(name);
    }
    names
}

fn convert(
    i: &pd::Instruction<'_>,
    text: &str,
    escape: char,
    docs: &[heredoc::Doc],
) -> Result<Instr, String> {
    use pd::Instruction as I;
    let s = |v: &pd::UnescapedString<'_>| v.value.to_string();
    Ok(match i {
        I::Arg(a) => Instr::Arg(join_continuations(&a.arguments.value, escape)),
        I::Run(r) => {
            let command = match command(&r.arguments, escape) {
                Command::Shell(s) => Command::Shell(heredoc::unmask(&s)),
                exec => exec,
            };
            let heredocs =
                docs.iter().map(|d| Heredoc { name: d.name.clone(), content: d.content.clone() }).collect();
            Instr::Run { flags: flags(&r.options), command, heredocs }
        }
        I::Cmd(c) => Instr::Cmd(command(&c.arguments, escape)),
        I::Entrypoint(c) => Instr::Entrypoint(command(&c.arguments, escape)),
        I::Env(e) => Instr::Env(join_continuations(&e.arguments.value, escape)),
        I::Label(l) => Instr::Label(join_continuations(&l.arguments.value, escape)),
        I::Maintainer(m) => Instr::Maintainer(s(&m.name)),
        I::Expose(e) => Instr::Expose(e.arguments.iter().map(s).collect()),
        I::User(u) => Instr::User(s(&u.arguments)),
        I::Workdir(w) => Instr::Workdir(s(&w.arguments)),
        I::Volume(v) => Instr::Volume(match &v.arguments {
            pd::JsonOrStringArray::Json(a) => a.value.iter().map(s).collect(),
            pd::JsonOrStringArray::String(a) => a.iter().map(s).collect(),
        }),
        I::Stopsignal(x) => Instr::StopSignal(s(&x.arguments)),
        I::Shell(x) => Instr::Shell(x.arguments.iter().map(s).collect()),
        I::Healthcheck(h) => Instr::Healthcheck {
            flags: flags(&h.options),
            command: match &h.arguments {
                pd::HealthcheckArguments::Cmd { arguments, .. } => Some(command(arguments, escape)),
                _ => None,
            },
        },
        I::Copy(c) => copy_instr(false, &c.options, &c.src, &c.dest, docs),
        I::Add(a) => copy_instr(true, &a.options, &a.src, &a.dest, docs),
        I::Onbuild(o) => {
            let inner = keyword_span(&o.instruction).start;
            let end = text[inner..].find('\n').map(|n| inner + n).unwrap_or(text.len());
            let trigger = join_continuations(&text[inner..end], escape);
            let word = trigger.split_whitespace().next().unwrap_or("").to_uppercase();
            if matches!(word.as_str(), "ONBUILD" | "FROM" | "MAINTAINER") {
                return Err(format!("{word} isn't allowed as an ONBUILD trigger"));
            }
            Instr::Onbuild(trigger)
        }
        I::From(_) => unreachable!("FROM starts a stage"),
        _ => return Err("unsupported instruction".into()),
    })
}

fn copy_instr(
    add: bool,
    options: &[pd::Flag<'_>],
    src: &[pd::Source<'_>],
    dest: &pd::UnescapedString<'_>,
    docs: &[heredoc::Doc],
) -> Instr {
    let sources = src
        .iter()
        .map(|s| match s {
            pd::Source::Path(p) => match heredoc::masked_name(&p.value) {
                Some(name) => {
                    let doc = docs.iter().find(|d| d.name == name);
                    Source::Heredoc {
                        name,
                        content: doc.map(|d| d.content.clone()).unwrap_or_default(),
                        expand: doc.is_none_or(|d| d.expand),
                    }
                }
                None => Source::Path(p.value.to_string()),
            },
            pd::Source::HereDoc(h) => {
                Source::Heredoc { name: "EOF".into(), content: h.value.to_string(), expand: h.expand }
            }
            _ => Source::Path(String::new()),
        })
        .collect();
    Instr::Copy { add, flags: flags(options), sources, dest: dest.value.to_string() }
}

/// Parses an ONBUILD trigger into the instructions it holds (BuildKit
/// parses a base image's triggers as Dockerfile lines: one with a newline
/// is more than one).
pub fn parse_trigger(trigger: &str) -> Result<Vec<Step>, ParseError> {
    let mut df = parse(&format!("FROM scratch\n{trigger}\n"))?;
    let stage = df.stages.pop().ok_or(ParseError { line: 1, message: "empty trigger".into() })?;
    if stage.steps.is_empty() || !df.stages.is_empty() {
        return Err(ParseError { line: 1, message: format!("invalid ONBUILD trigger {trigger:?}") });
    }
    Ok(stage.steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_steps_and_lines() {
        let df = parse(
            "# syntax=docker/dockerfile:1\nARG V=1\nFROM busybox:${V} AS Build\nRUN echo a \\\n  # c\n  b\n\nCOPY --from=build /x /y\nFROM scratch\nCMD [\"sh\"]\n",
        )
        .unwrap();
        assert_eq!(df.global_args.len(), 1);
        assert_eq!(df.stages.len(), 2);
        assert_eq!(df.stages[0].name.as_deref(), Some("build"));
        let run = &df.stages[0].steps[0];
        assert_eq!((run.line, run.end_line), (4, 6));
        assert_eq!(
            run.instr,
            Instr::Run { flags: vec![], command: Command::Shell("echo a   b".into()), heredocs: vec![] }
        );
        assert_eq!(df.stages[0].steps[1].line, 8);
        assert_eq!(df.stages[1].steps[0].instr, Instr::Cmd(Command::Exec(vec!["sh".into()])));
    }

    #[test]
    fn heredocs() {
        let df = parse("FROM busybox\nRUN <<EOF\necho hi\nEOF\nRUN <<A cat >/a && <<-'B' cat >/b\none\nA\n\ttwo\n\tB\nCOPY <<EOT /y\nz $V\nEOT\n").unwrap();
        let steps = &df.stages[0].steps;
        let Instr::Run { command, heredocs, .. } = &steps[0].instr else { panic!() };
        assert_eq!(command, &Command::Shell("<<EOF".into()));
        assert_eq!(heredocs, &[Heredoc { name: "EOF".into(), content: "echo hi\n".into() }]);
        let Instr::Run { command, heredocs, .. } = &steps[1].instr else { panic!() };
        assert_eq!(command, &Command::Shell("<<A cat >/a && <<-'B' cat >/b".into()));
        assert_eq!(heredocs[1], Heredoc { name: "B".into(), content: "two\n".into() });
        let Instr::Copy { sources, dest, .. } = &steps[2].instr else { panic!() };
        assert_eq!(dest, "/y");
        assert_eq!(
            sources,
            &[Source::Heredoc { name: "EOT".into(), content: "z $V\n".into(), expand: true }]
        );
        assert_eq!(steps[2].text, "COPY <<EOT /y");
    }

    #[test]
    fn escape_directive_and_errors() {
        let df = parse("# escape=`\nFROM busybox\nRUN echo a `\n b\n").unwrap();
        assert_eq!(df.escape, '`');
        let Instr::Run { command, .. } = &df.stages[0].steps[0].instr else { panic!() };
        assert_eq!(command, &Command::Shell("echo a  b".into()));
        let e = parse("FROM busybox\nbogus x\n").unwrap_err();
        assert_eq!(e, ParseError { line: 2, message: "unknown instruction: bogus".into() });
        assert!(parse("RUN x\n").is_err());
    }

    /// Hostile Dockerfiles: made of the grammar's own pieces, they must parse
    /// or fail with a line number, never panic or hang.
    #[test]
    fn arbitrary_dockerfiles_never_panic() {
        let pieces = [
            "FROM ",
            "busybox",
            " AS ",
            "x",
            "\n",
            "RUN ",
            "COPY ",
            "ADD ",
            "ONBUILD ",
            "ARG ",
            "ENV ",
            "a=b",
            "<<",
            "<<-",
            "EOF",
            "'EOF'",
            "\"",
            "'",
            "\\",
            "\\\n",
            "`",
            "# escape=`\n",
            "#",
            " ",
            "\t",
            "$",
            "${",
            "}",
            "[",
            "]",
            "\"x\",",
            "--from=",
            "--mount=type=cache,target=/c",
            "=",
            "\u{feff}",
            "é",
            "HEALTHCHECK ",
            "CMD ",
            "NONE",
            "\r\n",
        ];
        let mut rng = crate::prop::Rng::new(11);
        for _ in 0..3000 {
            let text = rng.tokens(&pieces, 40);
            if let Err(e) = parse(&text) {
                // Line 0: the file as a whole (no FROM at all).
                assert!(e.line <= text.lines().count() + 1, "{text:?}: {e:?}");
                assert!(!e.message.is_empty());
            }
        }
    }

    #[test]
    fn onbuild_triggers() {
        let df = parse("FROM busybox\nONBUILD RUN echo hi\n").unwrap();
        assert_eq!(df.stages[0].steps[0].instr, Instr::Onbuild("RUN echo hi".into()));
        let steps = parse_trigger("COPY a /b").unwrap();
        assert!(matches!(steps[0].instr, Instr::Copy { .. }));
        assert_eq!(parse_trigger("RUN a\nRUN b").unwrap().len(), 2);
        assert!(parse_trigger("RUN a\nFROM x").is_err());
        assert!(parse("FROM busybox\nONBUILD FROM x\n").is_err());
    }
}
