//! `--format` as Docker renders it: Go's text/template on Docker's types.
//! Each expected output below is what the real Docker 28 CLI printed for the
//! same objects, served to it by ../shared/tools/docker-oracle
//! (`scripts/oracle-templates.sh` reruns the comparison).

use crate::support::{Rdock, TestResult};
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] = &[("templates::render_as_docker", render_as_docker)];

/// (command, object, template, stdout, stderr, exit status)
const CASES: &[(&str, &str, &str, &str, &str, i32)] = &[
    ("inspect", "web", "{{.Config.Labels}} {{.Config.Cmd}} {{.Config.Volumes}} {{.Config.Entrypoint}} {{.HostConfig.Binds}} {{.State.Health}}", "map[a:1 b:2] [sleep 100] map[] [] [] <nil>\n", "", 0),
    ("inspect", "web", "{{.Config.Labels.zz}}|{{index .Config.Labels \"zz\"}}|{{index .Config.Labels \"a\"}}", "<no value>||1\n", "", 0),
    ("inspect", "web", "{{.Nope}}", "\n", "template parsing error: template: :1:2: executing \"\" at <.Nope>: map has no entry for key \"Nope\"\n", 1),
    ("inspect", "web", "{{if .Nope}}yes{{else}}no{{end}}", "\n", "template parsing error: template: :1:5: executing \"\" at <.Nope>: map has no entry for key \"Nope\"\n", 1),
    ("inspect", "web", "{{.State.Health.Status}}", "\n", "template parsing error: template: :1:8: executing \"\" at <.State.Health.Status>: map has no entry for key \"Health\"\n", 1),
    ("inspect", "web", "{{.Foo", "", "template parsing error: template: :1: unclosed action\n", 64),
    ("inspect", "web", "{{nofunc .}}", "", "template parsing error: template: :1: function \"nofunc\" not defined\n", 64),
    ("inspect", "web", "{{printf \"%q\" .Name}} {{json .Config.Labels}} {{json .Config.Cmd}} {{json .Name}} {{json nil}}", "\"/web\" {\"a\":\"1\",\"b\":\"2\"} [\"sleep\",\"100\"] \"/web\" null\n", "", 0),
    ("inspect", "web", "{{title \"hello wORLD foo-bar_baz\"}} {{slice .Name 1 3}} {{join .Config.Cmd \",\"}} {{split \"a:b:c\" \":\"}} {{upper .Name}} {{lower \"ABC\"}} {{truncate \"abcdef\" 3}}|{{pad \"x\" 2 3}}|", "Hello WORLD Foo-Bar_baz we sleep,100 [a b c] /WEB abc abc|  x   |\n", "", 0),
    ("inspect", "web", "{{println .Name}}|{{print 1 2 \"a\" \"b\" 3}}|{{print .Config.Cmd}}", "/web\n|1 2ab3|[sleep 100]\n", "", 0),
    ("inspect", "web", "{{.HostConfig.RestartPolicy}} {{printf \"%v %+v %T\" .HostConfig.RestartPolicy .HostConfig.RestartPolicy 1}}", "{no 0} {no 0} {Name:no MaximumRetryCount:0} int\n", "", 0),
    ("inspect", "web", "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}} {{range .HostConfig.Binds}}x{{else}}empty{{end}} {{range 3}}{{.}}{{end}}", "a=1;b=2; empty 012\n", "", 0),
    ("inspect", "web", "{{index .Config.Cmd 5}}", "\n", "template parsing error: template: :1:2: executing \"\" at <index .Config.Cmd 5>: error calling index: index out of range: 5\n", 1),
    ("inspect", "web", "{{.Config.Cmd.x}}", "\n", "template parsing error: template: :1:9: executing \"\" at <.Config.Cmd.x>: can't evaluate field x in type interface {}\n", 1),
    ("inspect", "web", "{{printf \"%5.1q|%-8v|%8v\" \"abc\" .Config.Cmd .State.Pid}}", "  \"a\"|[sleep    100     ]|       0\n", "", 0),
    ("inspect", "web", "{{printf \"%05d|%-6s|%6.2f|%x|%X|%o|%b|%e|%g|%c|%U|%t|%q\" 42 \"ab\" 3.14159 \"hi\" 255 8 5 123456.789 0.000012345 65 9731 true 65}}", "00042|ab    |  3.14|6869|FF|10|101|1.234568e+05|1.2345e-05|A|U+2603|true|'A'\n", "", 0),
    ("inspect", "web", "{{printf \"%s %d\" 1 \"x\"}} {{printf \"%d\"}} {{printf \"a\" 1 2}}", "%!s(int=1) %!d(string=x) %!d(MISSING) a%!(EXTRA int=1, int=2)\n", "", 0),
    ("inspect", "web", "{{define \"t\"}}[{{.}}]{{end}}{{template \"t\" .Name}}{{block \"b\" .Path}}<{{.}}>{{end}} {{$n := .Name}}{{with .State}}{{$n}}-{{.Status}}{{end}}", "[/web]<sleep> /web-created\n", "", 0),
    ("inspect", "web", "{{if eq .State.Status \"running\" \"created\"}}yes{{end}} {{ne 1 2}} {{lt 1 2}} {{ge \"b\" \"a\"}} {{and 1 0 2}} {{or 0 \"\" \"x\"}} {{not .State.Running}}", "yes true true true 0 x true\n", "", 0),
    ("inspect", "web", "{{eq .State.Pid \"x\"}}", "false\n", "", 0),
    ("inspect", "web", "{{html \"<a href='x'>&</a>\"}} {{js \"it's <b>\"}} {{urlquery \"a b&c=d/é\"}} {{len .Name}} {{len .Config.Cmd}}", "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt; it\\'s \\u003Cb\\u003E a+b%26c%3Dd%2F%C3%A9 4 2\n", "", 0),
    ("inspect", "web", "{{1}} {{-1}} {{0x1F}} {{1.5}} {{1e6}} {{'a'}} {{true}} {{\"\\x41\\u00e9\"}} {{`raw\\n`}}\\t{{- /* c */ -}} x", "1 -1 31 1.5 1e+06 97 true Aé raw\\n\\tx\n", "", 0),
    ("inspect", "web", "{{.Id | len}} {{.ID | len}}", "\n", "template parsing error: template: :1:16: executing \"\" at <.ID>: map has no entry for key \"ID\"\n", 1),
    ("inspect", "web", "{{\"a\" 1}}", "\n", "template parsing error: template: :1:2: executing \"\" at <\"a\">: can't give argument to non-function \"a\"\n", 1),
    ("inspect", "web", "{{$x}}", "", "template parsing error: template: :1: undefined variable \"$x\"\n", 64),
    ("inspect", "web", "{{end}}", "", "template parsing error: template: :1: unexpected {{end}}\n", 64),
    ("inspect", "web", "{{template \"nope\"}}", "\n", "template parsing error: template: :1:11: executing \"\" at <{{template \"nope\"}}>: template \"nope\" not defined\n", 1),
    ("volume inspect", "vol1", "{{.Labels}} {{.Labels.z}} {{index .Labels \"z\"}} {{.Options}} {{.Scope}}", "map[z:1] 1 1 map[] local\n", "", 0),
    ("network inspect", "net1", "{{.Containers}} {{.Name | upper}} {{len .IPAM.Config}} {{.Driver}}", "map[] NET1 1 bridge\n", "", 0),
    ("version", "", "{{.Foo", "", "template parsing error: template: version:1: unclosed action\n", 64),
    ("version", "", "{{.Foo}}", "\n", "template: version:1:2: executing \"version\" at <.Foo>: can't evaluate field Foo in type system.versionInfo\n", 1),
    ("info", "", "{{.Foo}}", "\n", "template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type system.dockerInfo\n", 1),
    ("ps -a", "", "{{.Names}} {{.Label \"a\"}} {{.Label \"q\"}}|{{pad .Names 1 1}}|{{truncate .State 3}} {{json .Labels}} {{.Labels}}", "web 1 | web |cre \"a=1,b=2\" a=1,b=2\n", "", 0),
    ("ps -a", "", "table {{.Names}}\\t{{.Label \"a\"}}\\t{{.Label \"com.example.some-thing\"}}", "NAMES     a         some thing\nweb       1         \n", "", 0),
    ("ps -a", "", "{{.Foo}}", "", "failed to execute template: template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext\n", 1),
    ("ps -a", "", "{{.Foo", "", "failed to parse template: template: :1: unclosed action\n", 1),
    ("ps -a", "", "  {{.Names}}\\n", "web\n\n", "", 0),
    ("volume ls", "", "{{.Labels}}|{{.Label \"z\"}}|{{.Size}}|{{.Status}}", "z=1|1|N/A|N/A\n", "", 0),
    ("volume ls", "", "{{.CreatedAt}}", "", "template parsing error: template: :1:2: executing \"\" at <.CreatedAt>: can't evaluate field CreatedAt in type *formatter.volumeContext\n", 1),
    ("network ls", "", "{{.Name}} {{.Driver}} {{.IPv6}} {{.Internal}} {{.Scope}}", "bridge bridge false false local\nhost host false false local\nnet1 bridge false false local\nnone null false false local\n", "", 0),
    ("images", "", "{{.CreatedAt}}|{{.Tag}}|{{.Containers}}|{{.SharedSize}}|{{.VirtualSize}}", "2026-01-01 00:00:00 +0000 UTC|latest|N/A|N/A|1.982MB\n", "", 0),
    ("images", "", "{{.Foo}}", "", "template parsing error: template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.imageContext\n", 1),
];

fn render_as_docker() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.ok(&["create", "--name", "web", "-l", "a=1", "-l", "b=2", "-e", "X=1", &img, "sleep", "100"])?;
    r.ok(&["volume", "create", "--label", "z=1", "vol1"])?;
    r.ok(&["network", "create", "net1"])?;
    let mut failures = Vec::new();
    for (cmd, obj, template, stdout, stderr, code) in CASES {
        let mut args: Vec<&str> = cmd.split(' ').collect();
        args.push(if cmd.contains("inspect") { "-f" } else { "--format" });
        args.push(template);
        if !obj.is_empty() {
            args.push(obj);
        }
        let out = r.run(&args);
        if (out.stdout.as_str(), out.stderr.as_str(), out.code) != (*stdout, *stderr, *code) {
            failures.push(format!(
                "{cmd} {template:?}\n  docker: {stdout:?} {stderr:?} {code}\n  rdock:  {:?} {:?} {}",
                out.stdout, out.stderr, out.code
            ));
        }
    }
    // A format naming {{.Digest}} shows the repository's digest; others `<none>`.
    let digest = r.ok(&["image", "inspect", "-f", "{{index .RepoDigests 0}}", &img])?;
    let digest = digest.trim().rsplit('@').next().unwrap_or_default().to_string();
    check_eq!(r.ok(&["images", "--format", "{{.Digest}}"])?, format!("{digest}\n"));
    check!(r.ok(&["images", "--format", "{{json .}}"])?.contains(r#""Digest":"\u003cnone\u003e""#));
    check!(
        failures.is_empty(),
        "{} of {} differ from Docker:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
    r.ok(&["rm", "-f", "web"])?;
    r.ok(&["network", "rm", "net1"])?;
    r.ok(&["volume", "rm", "vol1"])?;
    Ok(())
}
