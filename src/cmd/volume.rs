//! `volume create|ls|rm|inspect|prune`.

use std::collections::{HashMap, HashSet};

use clap::{Args, Subcommand};
use rdock::format::{self, Format};
use rdock::storage::volumes::VolumeRecord;
use rdock::{Engine, Error};

#[derive(Subcommand, Debug)]
pub enum VolumeCommand {
    /// Create a volume
    Create(Box<CreateArgs>),
    /// List volumes
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Remove one or more volumes
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
    /// Display detailed information on one or more volumes
    Inspect(InspectArgs),
    /// Remove unused local volumes
    Prune(PruneArgs),
}

#[derive(Args, Debug)]
pub struct CreateArgs {
    /// Specify volume driver name
    #[arg(short = 'd', long, default_value = "local")]
    driver: String,
    /// Set metadata for a volume
    #[arg(long = "label")]
    label: Vec<String>,
    /// Set driver specific options
    #[arg(short = 'o', long = "opt")]
    opt: Vec<String>,
    /// Cluster Volume availability ("active", "pause", "drain")
    #[arg(long, value_name = "string")]
    availability: Option<String>,
    /// Cluster Volume group (cluster volumes)
    #[arg(long, value_name = "string")]
    group: Option<String>,
    /// Minimum size of the Cluster Volume in bytes
    #[arg(long = "limit-bytes", value_name = "bytes")]
    limit_bytes: Option<String>,
    /// Maximum size of the Cluster Volume in bytes
    #[arg(long = "required-bytes", value_name = "bytes")]
    required_bytes: Option<String>,
    /// Cluster Volume access scope ("single", "multi")
    #[arg(long, value_name = "string")]
    scope: Option<String>,
    /// Cluster Volume secrets
    #[arg(long, value_name = "map")]
    secret: Vec<String>,
    /// Cluster Volume access sharing ("none", "readonly", "onewriter", "all")
    #[arg(long, value_name = "string")]
    sharing: Option<String>,
    /// A topology that the Cluster Volume would be preferred in
    #[arg(long = "topology-preferred", value_name = "list")]
    topology_preferred: Vec<String>,
    /// A topology that the Cluster Volume must be accessible from
    #[arg(long = "topology-required", value_name = "list")]
    topology_required: Vec<String>,
    /// Cluster Volume access type ("mount", "block")
    #[arg(long, value_name = "string")]
    r#type: Option<String>,
    #[arg(value_name = "VOLUME")]
    name: Option<String>,
}

impl CreateArgs {
    /// Cluster volume options (a swarm's CSI volumes).
    fn cluster(&self) -> bool {
        self.availability.is_some()
            || self.group.is_some()
            || self.limit_bytes.is_some()
            || self.required_bytes.is_some()
            || self.scope.is_some()
            || !self.secret.is_empty()
            || self.sharing.is_some()
            || !self.topology_preferred.is_empty()
            || !self.topology_required.is_empty()
            || self.r#type.is_some()
    }
}

#[derive(Args, Debug)]
pub struct LsArgs {
    /// Only display volume names
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Provide filter values (e.g. "dangling=true")
    #[arg(short = 'f', long = "filter")]
    filter: Vec<String>,
    /// Format output using a custom template
    #[arg(long)]
    format: Option<String>,
    /// Display only cluster volumes, and use cluster volume list formatting
    #[arg(long)]
    cluster: bool,
}

#[derive(Args, Debug)]
pub struct RmArgs {
    /// Force the removal of one or more volumes
    #[arg(short = 'f', long)]
    force: bool,
    #[arg(value_name = "VOLUME", required = true)]
    volumes: Vec<String>,
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Format output using a custom template
    #[arg(short = 'f', long)]
    format: Option<String>,
    #[arg(value_name = "VOLUME", required = true)]
    volumes: Vec<String>,
}

#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Remove all unused volumes, not just anonymous ones
    #[arg(short = 'a', long)]
    all: bool,
    /// Provide filter values (e.g. "label=<label>")
    #[arg(long = "filter")]
    filter: Vec<String>,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
}

pub fn volume(engine: &Engine, c: VolumeCommand) -> i32 {
    match c {
        VolumeCommand::Create(a) => create(engine, *a),
        VolumeCommand::Ls(a) => ls(engine, a),
        VolumeCommand::Rm(a) => super::for_each_forced(&a.volumes, a.force, |name| {
            engine.volume_remove(name, a.force).map(|_| Some(name.to_string()))
        }),
        VolumeCommand::Inspect(a) => inspect(engine, a),
        VolumeCommand::Prune(a) => prune(engine, a),
    }
}

fn create(engine: &Engine, a: CreateArgs) -> i32 {
    if a.cluster() {
        return super::fail(&Error::InvalidArgument(
            "cluster volumes need a swarm: This node is not a swarm manager.".into(),
        ));
    }
    if a.driver != "local" {
        return super::fail(&Error::InvalidArgument(format!("plugin \"{}\" not found", a.driver)));
    }
    if !a.opt.is_empty() {
        return super::fail(&Error::InvalidArgument(
            "driver options (-o) are not supported by rdock's local driver".into(),
        ));
    }
    match engine.volume_create(a.name.as_deref(), super::key_values(&a.label)) {
        Ok(v) => {
            println!("{}", v.name);
            0
        }
        Err(e) => super::fail(&e),
    }
}

/// `--filter` for ls and prune: name, label, label!, driver, dangling.
struct Filters(Vec<(String, String)>);

impl Filters {
    fn parse(values: &[String], allowed: &[&str]) -> Result<Filters, Error> {
        super::parse_filters(values, allowed).map(Filters)
    }

    /// `used`: the names of volumes containers use (for `dangling`).
    fn matches(&self, used: &HashSet<String>, v: &VolumeRecord) -> bool {
        let label = |spec: &str| match spec.split_once('=') {
            Some((k, val)) => v.labels.get(k).is_some_and(|x| x == val),
            None => v.labels.contains_key(spec),
        };
        self.0.iter().all(|(k, val)| match k.as_str() {
            "name" => v.name.contains(val.as_str()),
            "driver" => v.driver == *val,
            "label" => label(val),
            "label!" => !label(val),
            "dangling" => !used.contains(&v.name) == matches!(val.as_str(), "true" | "1"),
            _ => true,
        })
    }
}

fn ls(engine: &Engine, a: LsArgs) -> i32 {
    let result = (|| -> Result<String, Error> {
        let filters = Filters::parse(&a.filter, &["name", "driver", "label", "dangling"])?;
        let used = engine.used_volumes()?;
        // --cluster: a swarm's cluster volumes, of which rdock has none.
        let vols: Vec<VolumeRecord> =
            engine.volumes()?.into_iter().filter(|v| !a.cluster && filters.matches(&used, v)).collect();
        if a.quiet {
            return Ok(vols.iter().map(|v| format!("{}\n", v.name)).collect());
        }
        let rows: Vec<serde_json::Value> = vols
            .iter()
            .map(|v| {
                let labels: Vec<String> = v.labels.iter().map(|(k, x)| format!("{k}={x}")).collect();
                serde_json::json!({
                    "Driver": v.driver,
                    "Name": v.name,
                    "Mountpoint": engine.store.volume_data_dir(&v.name),
                    "Labels": labels.join(","),
                    "Scope": "local",
                    "Availability": "N/A",
                    "Group": "N/A",
                    "Links": "N/A",
                    "Size": "N/A",
                    "Status": "N/A",
                    "_labels": v.labels,
                })
            })
            .collect();
        let header: HashMap<&str, &str> = [
            ("Driver", "DRIVER"),
            ("Name", "VOLUME NAME"),
            ("Mountpoint", "MOUNTPOINT"),
            ("Labels", "LABELS"),
            ("Scope", "SCOPE"),
        ]
        .into();
        format::render_rows(
            &Format::parse(a.format.as_deref()),
            "{{.Driver}}\t{{.Name}}",
            &header,
            &rows,
            "*formatter.volumeContext",
        )
    })();
    super::print_or_fail(result)
}

fn inspect(engine: &Engine, a: InspectArgs) -> i32 {
    super::inspect_each(&a.volumes, a.format.as_deref(), |name| engine.volume_inspect(name))
}

fn prune(engine: &Engine, a: PruneArgs) -> i32 {
    let filters = match Filters::parse(&a.filter, &["label", "label!"]) {
        Ok(f) => f,
        Err(e) => return super::fail(&e),
    };
    if !a.force {
        let what = if a.all {
            "all local volumes not used by at least one container"
        } else {
            "all anonymous local volumes not used by at least one container"
        };
        if !super::confirm(&format!("WARNING! This will remove {what}.")) {
            return 0;
        }
    }
    // prune's filters are label ones only: no `dangling`, no use set needed.
    match engine.volume_prune(a.all, &|v| !filters.matches(&HashSet::new(), v)) {
        Ok((removed, freed)) => {
            if !removed.is_empty() {
                println!("Deleted Volumes:");
                for n in removed {
                    println!("{n}");
                }
                println!();
            }
            println!("Total reclaimed space: {}", format::human_size(freed));
            0
        }
        Err(e) => super::fail(&e),
    }
}
