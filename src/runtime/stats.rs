//! `top` and `stats`: the container's processes and resource use, from its cgroup.

use std::time::{Duration, Instant};

use super::cgroups;
use crate::error::{Error, Result};
use crate::storage::containers::ContainerRecord;

/// `docker top`: runs `ps` with the given options on the host and keeps the rows of
/// the container's processes. Returns the titles and the rows.
pub fn top(rec: &ContainerRecord, ps_args: &[String]) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let pids =
        cgroups::pids(&cgroups::cgroup_path(&rec.config.host.cgroup_parent, &rec.config.id), rec.state.pid)?;
    let args: Vec<String> = if ps_args.is_empty() { vec!["-ef".into()] } else { ps_args.to_vec() };
    let output = std::process::Command::new("ps")
        .args(&args)
        .output()
        .map_err(|e| Error::Runtime(format!("running ps: {e}")))?;
    if !output.status.success() {
        return Err(Error::Runtime(format!("ps: {}", String::from_utf8_lossy(&output.stderr).trim())));
    }
    parse_ps(&String::from_utf8_lossy(&output.stdout), &pids)
}

pub fn parse_ps(text: &str, pids: &[i32]) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let titles: Vec<String> = header.split_whitespace().map(str::to_string).collect();
    let pid_col = titles
        .iter()
        .position(|t| t == "PID")
        .ok_or_else(|| Error::Runtime("Couldn't find PID field in ps output".into()))?;
    let mut rows = Vec::new();
    for line in lines {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.len() < titles.len() {
            continue;
        }
        let Ok(pid) = fields[pid_col].parse::<i32>() else {
            continue;
        };
        if !pids.contains(&pid) {
            continue;
        }
        // The last column (the command) may contain spaces.
        let mut row: Vec<String> = fields[..titles.len() - 1].iter().map(|s| s.to_string()).collect();
        row.push(fields[titles.len() - 1..].join(" "));
        rows.push(row);
    }
    Ok((titles, rows))
}

#[derive(Debug, Clone, Default)]
pub struct StatsSample {
    pub id: String,
    pub name: String,
    pub cpu_percent: f64,
    pub mem_usage: u64,
    pub mem_limit: u64,
    pub mem_percent: f64,
    pub net_rx: u64,
    pub net_tx: u64,
    pub block_read: u64,
    pub block_write: u64,
    pub pids: u64,
}

struct Raw {
    cpu_ns: u64,
    at: Instant,
}

fn raw(rec: &ContainerRecord) -> Option<Raw> {
    let cpu_ns = match cgroups::stats(&cgroups::cgroup_path(&rec.config.host.cgroup_parent, &rec.config.id)) {
        Ok(s) if s.cpu.usage.usage_total > 0 => s.cpu.usage.usage_total,
        _ => proc_totals(rec.state.pid)?.cpu_ns,
    };
    Some(Raw { cpu_ns, at: Instant::now() })
}

/// What /proc says of the processes in the container's pid namespace: for
/// containers without a cgroup of their own (rootless on cgroup v1).
#[derive(Default)]
struct ProcTotals {
    cpu_ns: u64,
    rss: u64,
    pids: u64,
    read: u64,
    write: u64,
}

fn proc_totals(init_pid: i32) -> Option<ProcTotals> {
    let pids = cgroups::pids_in_namespace(init_pid).ok()?;
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(1) as u64;
    let mut t = ProcTotals { pids: pids.len() as u64, ..Default::default() };
    for pid in pids {
        if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            let fields: Vec<&str> = stat[stat.rfind(')').map(|i| i + 2).unwrap_or(0)..].split(' ').collect();
            let n = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
            t.cpu_ns += (n(11) + n(12)) * 1_000_000_000 / ticks;
            t.rss += n(21) * page;
        }
        if let Ok(io) = std::fs::read_to_string(format!("/proc/{pid}/io")) {
            for line in io.lines() {
                let v = line.split_whitespace().nth(1).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
                match line.split(':').next() {
                    Some("read_bytes") => t.read += v,
                    Some("write_bytes") => t.write += v,
                    _ => {}
                }
            }
        }
    }
    Some(t)
}

/// One reading per running container, CPU measured over `interval`.
pub fn sample(recs: &[ContainerRecord], interval: Duration) -> Vec<StatsSample> {
    let first: Vec<Option<Raw>> = recs.iter().map(raw).collect();
    std::thread::sleep(interval);
    recs.iter().zip(first).map(|(rec, before)| one(rec, before)).collect()
}

fn one(rec: &ContainerRecord, before: Option<Raw>) -> StatsSample {
    let id = &rec.config.id;
    let mut out = StatsSample { id: id.clone(), name: rec.config.name.clone(), ..Default::default() };
    if !rec.state.status.is_active() || rec.state.pid <= 0 {
        return out;
    }
    let s = match cgroups::stats(&cgroups::cgroup_path(&rec.config.host.cgroup_parent, id)) {
        Ok(s) if s.pids.current > 0 => s,
        _ => return from_proc(rec, before, out),
    };
    if let Some(b) = before {
        let wall = b.at.elapsed().as_nanos() as f64;
        if wall > 0.0 {
            out.cpu_percent = s.cpu.usage.usage_total.saturating_sub(b.cpu_ns) as f64 / wall * 100.0;
        }
    }
    let cache = ["total_inactive_file", "inactive_file"]
        .iter()
        .find_map(|k| s.memory.stats.get(*k).copied())
        .unwrap_or(0);
    out.mem_usage = s.memory.memory.usage.saturating_sub(cache);
    let host_mem = host_memory();
    out.mem_limit = match s.memory.memory.limit {
        0 => host_mem,
        l if l >= host_mem => host_mem,
        l => l,
    };
    if out.mem_limit > 0 {
        out.mem_percent = out.mem_usage as f64 / out.mem_limit as f64 * 100.0;
    }
    out.pids = s.pids.current;
    for d in &s.blkio.service_bytes {
        match d.op_type.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("read") => out.block_read += d.value,
            Some("write") => out.block_write += d.value,
            _ => {}
        }
    }
    let (rx, tx) = net_bytes(rec.state.pid);
    out.net_rx = rx;
    out.net_tx = tx;
    out
}

fn from_proc(rec: &ContainerRecord, before: Option<Raw>, mut out: StatsSample) -> StatsSample {
    let Some(t) = proc_totals(rec.state.pid) else { return out };
    if let Some(b) = before {
        let wall = b.at.elapsed().as_nanos() as f64;
        if wall > 0.0 {
            out.cpu_percent = t.cpu_ns.saturating_sub(b.cpu_ns) as f64 / wall * 100.0;
        }
    }
    out.mem_usage = t.rss;
    out.mem_limit = host_memory();
    if out.mem_limit > 0 {
        out.mem_percent = out.mem_usage as f64 / out.mem_limit as f64 * 100.0;
    }
    out.pids = t.pids;
    out.block_read = t.read;
    out.block_write = t.write;
    (out.net_rx, out.net_tx) = net_bytes(rec.state.pid);
    out
}

/// Bytes received and sent on the container's interfaces other than loopback.
fn net_bytes(pid: i32) -> (u64, u64) {
    let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/net/dev")) else {
        return (0, 0);
    };
    let mut rx = 0;
    let mut tx = 0;
    for line in text.lines().skip(2) {
        let Some((name, rest)) = line.split_once(':') else {
            continue;
        };
        if name.trim() == "lo" {
            continue;
        }
        let f: Vec<u64> = rest.split_whitespace().filter_map(|v| v.parse().ok()).collect();
        if f.len() >= 9 {
            rx += f[0];
            tx += f[8];
        }
    }
    (rx, tx)
}

pub fn host_memory() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        })
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ps_rows_are_filtered_and_commands_kept_whole() {
        let text = "UID PID PPID C STIME TTY TIME CMD\nroot 10 1 0 10:00 ? 00:00:00 sh -c sleep 5\nroot 11 1 0 10:00 ? 00:00:00 other\n";
        let (titles, rows) = parse_ps(text, &[10]).unwrap();
        assert_eq!(titles.len(), 8);
        assert_eq!(rows, vec![vec!["root", "10", "1", "0", "10:00", "?", "00:00:00", "sh -c sleep 5"]]);
        assert!(parse_ps("USER CMD\n", &[]).is_err());
    }
}
