//! `version`, `info`, `completion`.

use clap::{Args, CommandFactory, ValueEnum};
use rdock::{format, Engine};

#[derive(Args, Debug)]
pub struct VersionArgs {
    /// Format output using a custom template
    #[arg(short = 'f', long)]
    format: Option<String>,
}

#[derive(Args, Debug)]
pub struct InfoArgs {
    /// Format output using a custom template
    #[arg(short = 'f', long)]
    format: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Args, Debug)]
pub struct CompletionArgs {
    #[arg(value_enum)]
    shell: Shell,
}

fn os_arch() -> String {
    let arch = rdock::image::config::host_platform().architecture;
    format!("linux/{arch}")
}

/// `--format`: `json` prints the object as the API gives it (Docker's
/// `--format json`, one line), anything else is a template over it.
/// `name` and `type_name` are the template's name and Go type in errors.
fn print_formatted<T: serde::Serialize>(f: &str, name: &str, type_name: &str, v: &T) -> i32 {
    if f == "json" {
        println!("{}", serde_json::to_string(v).unwrap_or_default());
        return 0;
    }
    super::print_typed(format::render(f, name, type_name, v))
}

pub fn version(engine: &Engine, a: VersionArgs) -> i32 {
    use rdock::api::system::{ClientVersion, PlatformName, VersionInfo};
    let ver = env!("CARGO_PKG_VERSION");
    let server = engine.version();
    let v = VersionInfo {
        client: ClientVersion {
            platform: Some(PlatformName { name: format!("rdock {ver}") }),
            // The Docker version rdock answers for, as the server's: tools gate on it.
            version: rdock::api::ENGINE_VERSION.into(),
            api_version: rdock::api::API_VERSION.into(),
            default_api_version: rdock::api::API_VERSION.into(),
            git_commit: option_env!("RDOCK_GIT_COMMIT").unwrap_or("unknown").into(),
            go_version: "n/a (Rust)".into(),
            os: "linux".into(),
            arch: rdock::image::config::host_platform().architecture,
            build_time: String::new(),
            context: "default".into(),
        },
        server: Some(server.clone()),
    };
    if let Some(f) = a.format.as_deref().filter(|f| !f.is_empty()) {
        return print_formatted(f, "version", "system.versionInfo", &v);
    }
    let c = &v.client;
    println!("Client:");
    println!(" Version:           {}", c.version);
    println!(" API version:       {}", c.api_version);
    println!(" Go version:        {}", c.go_version);
    println!(" Git commit:        {}", c.git_commit);
    println!(" OS/Arch:           {}", os_arch());
    println!(" Context:           {}", c.context);
    println!();
    println!("Server: {}", server.platform.name);
    for comp in server.components.iter().flatten() {
        let detail = |k: &str| comp.details.as_ref().and_then(|d| d.get(k)).cloned().unwrap_or_default();
        println!(" {}:", comp.name);
        println!("  Version:          {}", comp.version);
        if comp.name == "Engine" {
            println!(
                "  API version:      {} (minimum version {})",
                detail("ApiVersion"),
                detail("MinAPIVersion")
            );
            println!("  Go version:       {}", detail("GoVersion"));
            println!("  Git commit:       {}", detail("GitCommit"));
            println!("  OS/Arch:          {}/{}", detail("Os"), detail("Arch"));
            println!("  Kernel:           {}", detail("KernelVersion"));
        } else {
            for (k, v) in comp.details.iter().flatten() {
                println!("  {:<17} {v}", format!("{k}:"));
            }
        }
    }
    0
}

pub fn info(engine: &Engine, a: InfoArgs) -> i32 {
    let i = match engine.info() {
        Ok(i) => i,
        Err(e) => return super::fail(&e),
    };
    if let Some(f) = a.format.as_deref().filter(|f| !f.is_empty()) {
        return print_formatted(f, "", "system.dockerInfo", &i);
    }
    println!("Client:");
    println!(" Version:    {}", env!("CARGO_PKG_VERSION"));
    println!(" Context:    default");
    println!();
    println!("Server:");
    println!(" Containers: {}", i.containers);
    println!("  Running: {}", i.containers_running);
    println!("  Paused: {}", i.containers_paused);
    println!("  Stopped: {}", i.containers_stopped);
    println!(" Images: {}", i.images);
    println!(" Server Version: {}", i.server_version);
    println!(" Storage Driver: {}", i.driver);
    for [k, v] in i.driver_status.iter().flatten() {
        println!("  {k}: {v}");
    }
    println!(" Logging Driver: {}", i.logging_driver);
    println!(" Cgroup Driver: {}", i.cgroup_driver);
    println!(" Cgroup Version: {}", i.cgroup_version);
    println!(
        " Runtimes: {}",
        i.runtimes.iter().flatten().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(" ")
    );
    println!(" Default Runtime: {}", i.default_runtime);
    println!(" Security Options:");
    println!("  seccomp");
    println!("   Profile: builtin");
    if i.rootless {
        println!("  rootless");
    }
    if i.security_options.iter().flatten().any(|o| o == "name=cgroupns") {
        println!("  cgroupns");
    }
    println!(" Kernel Version: {}", i.kernel_version);
    println!(" Operating System: {}", i.operating_system);
    println!(" OSType: {}", i.os_type);
    println!(" Architecture: {}", i.architecture);
    println!(" CPUs: {}", i.ncpu);
    println!(" Total Memory: {}", format::bytes_size(i.mem_total as u64));
    println!(" Name: {}", i.name);
    println!(" Docker Root Dir: {}", i.docker_root_dir);
    println!(" Run Root: {}", i.run_root);
    for w in i.warnings.iter().flatten() {
        eprintln!("{w}");
    }
    0
}

pub fn completion(a: &CompletionArgs) -> i32 {
    let mut cmd = super::Cli::command();
    let shell = match a.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(shell, &mut cmd, "rdock", &mut std::io::stdout());
    0
}

#[derive(clap::Subcommand, Debug)]
pub enum SystemCommand {
    /// Display system-wide information
    Info(InfoArgs),
    /// Get real time events from the server
    Events(super::events::EventsArgs),
    /// Remove unused data
    Prune(PruneArgs),
    /// Remove all containers, images and cached data from rdock's store
    Reset(ResetArgs),
    /// Show rdock disk usage
    Df(DfArgs),
    /// Start the containers a restart policy keeps up (after a reboot; see contrib/systemd)
    Boot,
}

#[derive(Args, Debug)]
pub struct DfArgs {
    /// Format output using a custom template ('table', 'table TEMPLATE', 'json', or a Go template)
    #[arg(long)]
    format: Option<String>,
    /// Show detailed information on space usage
    #[arg(short = 'v', long)]
    verbose: bool,
}

#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Remove all unused images not just dangling ones
    #[arg(short = 'a', long)]
    all: bool,
    /// Provide filter values (e.g. "label=<key>=<value>")
    #[arg(long = "filter", value_name = "filter")]
    filter: Vec<String>,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
    /// Prune anonymous volumes
    #[arg(long)]
    volumes: bool,
}

#[derive(Args, Debug)]
pub struct ResetArgs {
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
}

#[derive(Args, Debug)]
pub struct UnshareArgs {
    /// The command to run (default: your shell)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "COMMAND [ARG...]")]
    command: Vec<String>,
}

pub fn system(engine: &Engine, c: SystemCommand) -> i32 {
    match c {
        SystemCommand::Info(a) => info(engine, a),
        SystemCommand::Events(a) => super::events::events(engine, a),
        SystemCommand::Prune(a) => prune(engine, a),
        SystemCommand::Df(a) => df(engine, a),
        SystemCommand::Boot => boot(engine),
        SystemCommand::Reset(a) => {
            if !a.force {
                if !rdock::runtime::stdio::is_terminal(0) {
                    eprintln!("Error: refusing to reset without a terminal to confirm on; use --force");
                    return 125;
                }
                eprint!("WARNING! This will remove all containers, images and cached data. Continue? [y/N] ");
                let mut answer = String::new();
                let _ = std::io::stdin().read_line(&mut answer);
                if !matches!(answer.trim(), "y" | "Y" | "yes") {
                    return 0;
                }
            }
            match engine.reset() {
                Ok(()) => 0,
                Err(e) => super::fail(&e),
            }
        }
    }
}

/// Prints the id of each container it started; a failed start is reported
/// and the others still start.
fn boot(engine: &Engine) -> i32 {
    let results = match engine.boot() {
        Ok(r) => r,
        Err(e) => return super::fail(&e),
    };
    let mut code = 0;
    for (rec, started) in results {
        match started {
            Ok(()) => println!("{}", rec.config.id),
            Err(e) => {
                eprintln!("Error response from daemon: {}: {e}", rec.config.name);
                code = 1;
            }
        }
    }
    code
}

/// `rdock unshare`: the command runs as root of rdock's user namespace, where the
/// store's files have the owners containers see.
pub fn unshare(root: &std::path::Path, runroot: &std::path::Path, a: &UnshareArgs) -> i32 {
    std::env::set_var("RDOCK_STORAGE_ROOT", root);
    std::env::set_var("RDOCK_STORAGE_RUNROOT", runroot);
    match rdock::runtime::userns::unshare_exec(runroot, &a.command) {
        Ok(never) => match never {},
        Err(e) => {
            eprintln!("Error: {e}");
            125
        }
    }
}

fn df(engine: &Engine, a: DfArgs) -> i32 {
    use rdock::format::{human_size, Format};
    if a.verbose {
        return super::print_or_fail(
            engine.disk_usage_detail().and_then(|d| df_verbose(&d, a.format.as_deref())),
        );
    }
    let rows = match engine.disk_usage() {
        Ok(r) => r,
        Err(e) => return super::fail(&e),
    };
    let reclaim = |r: &rdock::engine::UsageRow| {
        if r.kind == "Build Cache" {
            return human_size(r.reclaimable);
        }
        let pct = (r.reclaimable * 100).checked_div(r.size).unwrap_or(0);
        format!("{} ({pct}%)", human_size(r.reclaimable))
    };
    let values: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            serde_json::json!({
                "Type": r.kind,
                "TotalCount": r.total.to_string(),
                "Active": r.active.to_string(),
                "Size": human_size(r.size),
                "Reclaimable": reclaim(r),
            })
        })
        .collect();
    let default = "{{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
    let header: std::collections::HashMap<&str, &str> = [
        ("Type", "TYPE"),
        ("TotalCount", "TOTAL"),
        ("Active", "ACTIVE"),
        ("Size", "SIZE"),
        ("Reclaimable", "RECLAIMABLE"),
    ]
    .into();
    super::print_or_fail(rdock::format::render_rows(
        &Format::parse(a.format.as_deref()),
        default,
        &header,
        &values,
        "*formatter.diskUsageContext",
    ))
}

/// `system prune`: stopped containers, unused networks, dangling (or with
/// -a unused) images, the build cache, and with --volumes anonymous volumes,
/// each reported as Docker does.
fn prune(engine: &Engine, a: PruneArgs) -> i32 {
    let filters = match super::image::PruneFilters::parse(&a.filter) {
        Ok(f) => f,
        Err(e) => return super::fail(&e),
    };
    if !a.force {
        let mut what = vec!["all stopped containers", "all networks not used by at least one container"];
        if a.volumes {
            what.push("all anonymous volumes not used by at least one container");
        }
        what.push(if a.all {
            "all images without at least one container associated to them"
        } else {
            "all dangling images"
        });
        what.push(if a.all { "all build cache" } else { "unused build cache" });
        let list: String = what.iter().map(|w| format!("  - {w}\n")).collect();
        if !super::confirm(&format!("WARNING! This will remove:\n{list}")) {
            return 0;
        }
    }
    let run = || -> Result<u64, rdock::Error> {
        let mut freed = 0;
        let (containers, bytes) =
            engine.container_prune(&|c| !filters.matches_parts(&c.config.created, &c.config.labels))?;
        freed += bytes;
        super::print_deleted("Deleted Containers:", &containers);
        let networks = engine.network_prune(&|n| !filters.matches_parts(&n.created, &n.labels))?;
        super::print_deleted("Deleted Networks:", &networks);
        if a.volumes {
            let (volumes, bytes) =
                engine.volume_prune(false, &|v| !filters.matches_parts(&v.created_at, &v.labels))?;
            freed += bytes;
            super::print_deleted("Deleted Volumes:", &volumes);
        }
        let configs = |img: &rdock::storage::images::ImageRecord| engine.image_config(img).ok();
        let (images, bytes) =
            engine.prune_images(a.all, &|img| !filters.matches(img, configs(img).as_ref()))?;
        freed += bytes;
        super::print_deleted("Deleted Images:", &super::image::removed_lines(&images));
        let (cache, bytes) = engine
            .builder_prune(&rdock::build::PruneOptions { until: filters.until(), keep_storage: None })?;
        freed += bytes;
        super::print_deleted("Deleted build cache objects:", &super::build::cache_ids(&cache));
        Ok(freed)
    };
    match run() {
        Ok(total) => {
            println!("Total reclaimed space: {}", rdock::format::human_size(total));
            0
        }
        Err(e) => super::fail(&e),
    }
}

/// `system df -v`: Docker's four sections, each its own table; `--format json`
/// one object of them.
fn df_verbose(d: &rdock::engine::UsageDetail, format: Option<&str>) -> Result<String, rdock::Error> {
    use rdock::format::{ago, go_time, human_size, human_size_4, tabwrite};
    let mut images = Vec::new();
    for u in &d.images {
        let id = rdock::util::short_id(&u.image.id).to_string();
        for (repo, tag) in rdock::image::repo_tags(&u.image) {
            images.push(serde_json::json!({
                "Containers": u.containers.to_string(), "CreatedAt": go_time(&u.image.created, false),
                "CreatedSince": ago(&u.image.created), "Digest": "", "ID": u.image.id, "Repository": repo,
                "SharedSize": human_size(u.shared), "Size": human_size(u.size), "Tag": tag,
                "UniqueSize": human_size(u.unique), "VirtualSize": human_size_4(u.size),
                "_short": id,
            }));
        }
    }
    let containers: Vec<serde_json::Value> = d
        .containers
        .iter()
        .map(|u| {
            let c = &u.record.config;
            serde_json::json!({
                "Command": super::ps::command_column(c, false), "CreatedAt": go_time(&c.created, false), "ID": c.id,
                "Image": c.image, "LocalVolumes": u.local_volumes.to_string(), "Names": c.name,
                "RunningFor": ago(&c.created), "Size": human_size(u.size), "State": u.record.state.status.as_str(),
                "Status": super::ps::status_text(&u.record),
            })
        })
        .collect();
    let volumes: Vec<serde_json::Value> = d
        .volumes
        .iter()
        .map(
            |v| serde_json::json!({"Links": v.links.to_string(), "Name": v.name, "Size": human_size(v.size)}),
        )
        .collect();
    let cache: Vec<serde_json::Value> = d
        .build_cache
        .iter()
        .map(|(key, r)| {
            serde_json::json!({
                "ID": &key[..12.min(key.len())], "CacheType": "regular", "Size": human_size(r.size),
                "CreatedSince": ago(&r.created), "LastUsedSince": ago(&r.last_used), "UsageCount": "1",
                "Shared": "false", "Description": r.description,
            })
        })
        .collect();
    match format {
        Some("json") => {
            let strip = |v: &[serde_json::Value]| -> Vec<serde_json::Value> {
                v.iter()
                    .map(|r| {
                        let mut r = r.clone();
                        if let Some(o) = r.as_object_mut() {
                            o.retain(|k, _| !k.starts_with('_'));
                        }
                        r
                    })
                    .collect()
            };
            let all = serde_json::json!({
                "Images": strip(&images), "Containers": containers, "Volumes": volumes, "BuildCache": cache,
            });
            return Ok(format!("{all}\n"));
        }
        None | Some("") | Some("table") => {}
        Some(_) => {
            return Err(rdock::Error::InvalidArgument(
                "system df -v takes --format json or table; use the list commands for templates".into(),
            ))
        }
    }
    let s = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    let table = |head: &str, rows: Vec<String>| {
        let mut lines = vec![head.to_string()];
        lines.extend(rows);
        tabwrite(&lines)
    };
    let mut out = String::from("Images space usage:\n\n");
    out += &table(
        "REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\tSHARED SIZE\tUNIQUE SIZE\tCONTAINERS",
        images
            .iter()
            .map(|i| {
                [
                    s(i, "Repository"),
                    s(i, "Tag"),
                    s(i, "_short"),
                    s(i, "CreatedSince"),
                    s(i, "Size"),
                    s(i, "SharedSize"),
                    s(i, "UniqueSize"),
                    s(i, "Containers"),
                ]
                .join("\t")
            })
            .collect(),
    );
    out += "\nContainers space usage:\n\n";
    out += &table(
        "CONTAINER ID\tIMAGE\tCOMMAND\tLOCAL VOLUMES\tSIZE\tCREATED\tSTATUS\tNAMES",
        containers
            .iter()
            .map(|c| {
                [
                    rdock::util::short_id(&s(c, "ID")).to_string(),
                    s(c, "Image"),
                    s(c, "Command"),
                    s(c, "LocalVolumes"),
                    s(c, "Size"),
                    s(c, "RunningFor"),
                    s(c, "Status"),
                    s(c, "Names"),
                ]
                .join("\t")
            })
            .collect(),
    );
    out += "\nLocal Volumes space usage:\n\n";
    out += &table(
        "VOLUME NAME\tLINKS\tSIZE",
        volumes.iter().map(|v| [s(v, "Name"), s(v, "Links"), s(v, "Size")].join("\t")).collect(),
    );
    out += &format!("\nBuild cache usage: {}\n\n", human_size(d.build_cache_size));
    out += &table(
        "CACHE ID\tCACHE TYPE\tSIZE\tCREATED\tLAST USED\tUSAGE\tSHARED",
        cache
            .iter()
            .map(|c| {
                [
                    s(c, "ID"),
                    s(c, "CacheType"),
                    s(c, "Size"),
                    s(c, "CreatedSince"),
                    s(c, "LastUsedSince"),
                    s(c, "UsageCount"),
                    s(c, "Shared"),
                ]
                .join("\t")
            })
            .collect(),
    );
    Ok(out)
}
