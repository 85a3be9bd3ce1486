# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_rdock_global_optspecs
    string join \n v/version config= c/context= D/debug H/host= l/log-level= tls tlscacert= tlscert= tlskey= tlsverify root= runroot= h/help
end

function __fish_rdock_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_rdock_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_rdock_using_subcommand
    set -l cmd (__fish_rdock_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c rdock -n "__fish_rdock_needs_command" -l config -d 'Location of client config files (config.json: logins) [default: ~/.docker]' -r -F
complete -c rdock -n "__fish_rdock_needs_command" -s c -l context -d 'Name of the context to use (rdock has one: default)' -r
complete -c rdock -n "__fish_rdock_needs_command" -s H -l host -d 'Daemon socket to connect to (rdock has no daemon: local unix sockets only)' -r
complete -c rdock -n "__fish_rdock_needs_command" -s l -l log-level -d 'Set the logging level ("debug", "info", "warn", "error", "fatal")' -r
complete -c rdock -n "__fish_rdock_needs_command" -l tlscacert -d 'Trust certs signed only by this CA' -r -F
complete -c rdock -n "__fish_rdock_needs_command" -l tlscert -d 'Path to TLS certificate file' -r -F
complete -c rdock -n "__fish_rdock_needs_command" -l tlskey -d 'Path to TLS key file' -r -F
complete -c rdock -n "__fish_rdock_needs_command" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_needs_command" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_needs_command" -s v -l version -d 'Print version information and quit'
complete -c rdock -n "__fish_rdock_needs_command" -s D -l debug -d 'Enable debug mode'
complete -c rdock -n "__fish_rdock_needs_command" -l tls -d 'Use TLS; implied by --tlsverify (for a remote daemon: none here)'
complete -c rdock -n "__fish_rdock_needs_command" -l tlsverify -d 'Use TLS and verify the remote'
complete -c rdock -n "__fish_rdock_needs_command" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "run" -d 'Create and run a new container from an image'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "create" -d 'Create a new container'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "start" -d 'Start one or more stopped containers'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "stop" -d 'Stop one or more running containers'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "kill" -d 'Kill one or more running containers'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "restart" -d 'Restart one or more containers'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "rm" -d 'Remove one or more containers'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "remove" -d 'Remove one or more containers'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "ps" -d 'List containers'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "ls" -d 'List containers'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "list" -d 'List containers'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "logs" -d 'Fetch the logs of a container'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "exec" -d 'Execute a command in a running container'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "attach" -d 'Attach local standard input, output, and error streams to a running container'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "wait" -d 'Block until one or more containers stop, then print their exit codes'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "top" -d 'Display the running processes of a container'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "stats" -d 'Display a live stream of container(s) resource usage statistics'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "rename" -d 'Rename a container'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "update" -d 'Update configuration of one or more containers'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "diff" -d 'Inspect changes to files or directories on a container\'s filesystem'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "builder" -d 'Manage builds'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "buildx" -d 'Build with BuildKit\'s command line (build, prune)'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "inspect" -d 'Return low-level information on containers or images'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "images" -d 'List images'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "pull" -d 'Download an image from a registry'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "push" -d 'Upload an image to a registry'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "import" -d 'Import the contents from a tarball to create a filesystem image'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "rmi" -d 'Remove one or more images'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "history" -d 'Show the history of an image'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "search" -d 'Search a registry for images'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "save" -d 'Save one or more images to a tar archive (streamed to STDOUT by default)'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "load" -d 'Load an image from a tar archive or STDIN'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "login" -d 'Log in to a registry'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "logout" -d 'Log out from a registry'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "version" -d 'Show the rdock version information'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "info" -d 'Display system-wide information'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "events" -d 'Get real time events from the server'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "container" -d 'Manage containers'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "image" -d 'Manage images'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "network" -d 'Manage networks'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "system" -d 'Manage rdock'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "context" -d 'Manage contexts (rdock has one: default, this machine)'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "manifest" -d 'Manage Docker image manifests and manifest lists'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "unshare" -d 'Run a command in rdock\'s user namespace (rootless: to inspect or clean storage)'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "completion" -d 'Print a shell completion script (bash, zsh, fish)'
complete -c rdock -n "__fish_rdock_needs_command" -f -a "__supervise"
complete -c rdock -n "__fish_rdock_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand run" -l sig-proxy -d 'Proxy received signals to the process' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand run" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l name -d 'Assign a name to the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -s e -l env -d 'Set environment variables' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -s l -l label -d 'Set meta data on a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -s h -l hostname -d 'Container host name' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l domainname -d 'Container NIS domain name' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand run" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand run" -l shm-size -d 'Size of /dev/shm' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l ulimit -d 'Ulimit options' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l oom-score-adj -d 'Tune host\'s OOM preferences (-1000 to 1000)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l sysctl -d 'Sysctl options' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l group-add -d 'Add additional groups to join' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l ipc -d 'IPC mode to use' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l pid -d 'PID namespace to use' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l uts -d 'UTS namespace to use' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l log-driver -d 'Logging driver for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l log-opt -d 'Log driver options' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l device -d 'Add a host device to the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l device-read-iops -d 'Limit read rate (IO per second) from a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l device-write-iops -d 'Limit write rate (IO per second) to a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l blkio-weight-device -d 'Block IO weight (relative device weight) (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l link -d 'Add link to another container' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l link-local-ip -d 'Container IPv4/IPv6 link-local addresses' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l ip6 -d 'IPv6 address (e.g., 2001:db8::33)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l cgroup-parent -d 'Optional parent cgroup for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l cpu-rt-period -d 'Limit CPU real-time period in microseconds' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l cpu-rt-runtime -d 'Limit CPU real-time runtime in microseconds' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l cpu-count -d 'CPU count (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l cpu-percent -d 'CPU percent (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l io-maxbandwidth -d 'Maximum IO bandwidth limit for the system drive (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l io-maxiops -d 'Maximum IOps limit for the system drive (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l isolation -d 'Container isolation technology' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l kernel-memory -d 'Kernel memory limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l disable-content-trust -d 'Skip image verification (default true)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand run" -l restart -d 'Restart policy to apply when a container exits (default "no")' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l health-cmd -d 'Command to run to check health' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l health-interval -d 'Time between running the check (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l health-timeout -d 'Maximum time to allow one check to run (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l health-start-period -d 'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l health-start-interval -d 'Time between running the check during the start period (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l annotation -d 'Add an annotation to the container (passed through to the OCI runtime)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l runtime -d 'Runtime to use for this container (rdock\'s own: rdock, or runc)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l volume-driver -d 'Optional volume driver for the container (local)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l storage-opt -d 'Storage driver options for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l gpus -d 'GPU devices to add to the container (\'all\' to pass all GPUs)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l stop-signal -d 'Signal to stop the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -s m -l memory -d 'Memory limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l cpus -d 'Number of CPUs' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l memory-reservation -d 'Memory soft limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100) (default -1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l cap-add -d 'Add Linux capabilities' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l security-opt -d 'Security Options' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l tmpfs -d 'Mount a tmpfs directory' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -s v -l volume -d 'Bind mount a volume ([SRC:]DEST[:OPTS]; SRC a host path or a volume name)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,source=…,target=…)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l volumes-from -d 'Mount volumes from the specified container(s) (NAME[:ro|rw])' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l userns -d 'User namespace to use: host (rdock\'s own) or, rootless, keep-id (your uid and gid inside)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l cgroupns -d 'Cgroup namespace to use (host|private); default: private on cgroup v2, host on v1' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l network -l net -d 'Connect a container to a network (bridge, a user-defined network, none, host or container:NAME; repeat to join several bridge networks)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l ip -d 'IPv4 address (e.g., 172.30.100.104)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l network-alias -d 'Add network-scoped alias for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l mac-address -d 'Container MAC address (e.g., 92:d0:c6:0a:29:33)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l add-host -d 'Add a custom host-to-IP mapping (host:ip; ip may be host-gateway)' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l dns -d 'Set custom DNS servers' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l dns-search -d 'Set custom DNS search domains' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l dns-option -d 'Set DNS options' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -s p -l publish -d 'Publish a container\'s port(s) to the host' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l expose -d 'Expose a port or a range of ports' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l platform -d 'Set platform if server is multi-platform capable' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l pull -d 'Pull image before running ("always", "missing", "never")' -r
complete -c rdock -n "__fish_rdock_using_subcommand run" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand run" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand run" -s d -l detach -d 'Run container in background and print container ID'
complete -c rdock -n "__fish_rdock_using_subcommand run" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c rdock -n "__fish_rdock_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rdock -n "__fish_rdock_using_subcommand run" -l rm -d 'Automatically remove the container when it exits'
complete -c rdock -n "__fish_rdock_using_subcommand run" -l use-api-socket -d 'Bind mount Docker API socket and required auth'
complete -c rdock -n "__fish_rdock_using_subcommand run" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK'
complete -c rdock -n "__fish_rdock_using_subcommand run" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c rdock -n "__fish_rdock_using_subcommand run" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c rdock -n "__fish_rdock_using_subcommand run" -l read-only -d 'Mount the container\'s root filesystem as read only'
complete -c rdock -n "__fish_rdock_using_subcommand run" -l privileged -d 'Give extended privileges to this container'
complete -c rdock -n "__fish_rdock_using_subcommand run" -s P -l publish-all -d 'Publish all exposed ports to random ports'
complete -c rdock -n "__fish_rdock_using_subcommand run" -s q -l quiet -d 'Suppress the pull output'
complete -c rdock -n "__fish_rdock_using_subcommand run" -l help -d 'Print usage'
complete -c rdock -n "__fish_rdock_using_subcommand create" -l name -d 'Assign a name to the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -s e -l env -d 'Set environment variables' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -s l -l label -d 'Set meta data on a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -s h -l hostname -d 'Container host name' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l domainname -d 'Container NIS domain name' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand create" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand create" -l shm-size -d 'Size of /dev/shm' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l ulimit -d 'Ulimit options' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l oom-score-adj -d 'Tune host\'s OOM preferences (-1000 to 1000)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l sysctl -d 'Sysctl options' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l group-add -d 'Add additional groups to join' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l ipc -d 'IPC mode to use' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l pid -d 'PID namespace to use' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l uts -d 'UTS namespace to use' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l log-driver -d 'Logging driver for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l log-opt -d 'Log driver options' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l device -d 'Add a host device to the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l device-read-iops -d 'Limit read rate (IO per second) from a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l device-write-iops -d 'Limit write rate (IO per second) to a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l blkio-weight-device -d 'Block IO weight (relative device weight) (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l link -d 'Add link to another container' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l link-local-ip -d 'Container IPv4/IPv6 link-local addresses' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l ip6 -d 'IPv6 address (e.g., 2001:db8::33)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l cgroup-parent -d 'Optional parent cgroup for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l cpu-rt-period -d 'Limit CPU real-time period in microseconds' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l cpu-rt-runtime -d 'Limit CPU real-time runtime in microseconds' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l cpu-count -d 'CPU count (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l cpu-percent -d 'CPU percent (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l io-maxbandwidth -d 'Maximum IO bandwidth limit for the system drive (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l io-maxiops -d 'Maximum IOps limit for the system drive (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l isolation -d 'Container isolation technology' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l kernel-memory -d 'Kernel memory limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l disable-content-trust -d 'Skip image verification (default true)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand create" -l restart -d 'Restart policy to apply when a container exits (default "no")' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l health-cmd -d 'Command to run to check health' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l health-interval -d 'Time between running the check (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l health-timeout -d 'Maximum time to allow one check to run (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l health-start-period -d 'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l health-start-interval -d 'Time between running the check during the start period (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l annotation -d 'Add an annotation to the container (passed through to the OCI runtime)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l runtime -d 'Runtime to use for this container (rdock\'s own: rdock, or runc)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l volume-driver -d 'Optional volume driver for the container (local)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l storage-opt -d 'Storage driver options for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l gpus -d 'GPU devices to add to the container (\'all\' to pass all GPUs)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l stop-signal -d 'Signal to stop the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -s m -l memory -d 'Memory limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l cpus -d 'Number of CPUs' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l memory-reservation -d 'Memory soft limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100) (default -1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l cap-add -d 'Add Linux capabilities' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l security-opt -d 'Security Options' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l tmpfs -d 'Mount a tmpfs directory' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -s v -l volume -d 'Bind mount a volume ([SRC:]DEST[:OPTS]; SRC a host path or a volume name)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,source=…,target=…)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l volumes-from -d 'Mount volumes from the specified container(s) (NAME[:ro|rw])' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l userns -d 'User namespace to use: host (rdock\'s own) or, rootless, keep-id (your uid and gid inside)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l cgroupns -d 'Cgroup namespace to use (host|private); default: private on cgroup v2, host on v1' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l network -l net -d 'Connect a container to a network (bridge, a user-defined network, none, host or container:NAME; repeat to join several bridge networks)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l ip -d 'IPv4 address (e.g., 172.30.100.104)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l network-alias -d 'Add network-scoped alias for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l mac-address -d 'Container MAC address (e.g., 92:d0:c6:0a:29:33)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l add-host -d 'Add a custom host-to-IP mapping (host:ip; ip may be host-gateway)' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l dns -d 'Set custom DNS servers' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l dns-search -d 'Set custom DNS search domains' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l dns-option -d 'Set DNS options' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -s p -l publish -d 'Publish a container\'s port(s) to the host' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l expose -d 'Expose a port or a range of ports' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l platform -d 'Set platform if server is multi-platform capable' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l pull -d 'Pull image before running ("always", "missing", "never")' -r
complete -c rdock -n "__fish_rdock_using_subcommand create" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand create" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand create" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c rdock -n "__fish_rdock_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rdock -n "__fish_rdock_using_subcommand create" -l rm -d 'Automatically remove the container when it exits'
complete -c rdock -n "__fish_rdock_using_subcommand create" -l use-api-socket -d 'Bind mount Docker API socket and required auth'
complete -c rdock -n "__fish_rdock_using_subcommand create" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK'
complete -c rdock -n "__fish_rdock_using_subcommand create" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c rdock -n "__fish_rdock_using_subcommand create" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c rdock -n "__fish_rdock_using_subcommand create" -l read-only -d 'Mount the container\'s root filesystem as read only'
complete -c rdock -n "__fish_rdock_using_subcommand create" -l privileged -d 'Give extended privileges to this container'
complete -c rdock -n "__fish_rdock_using_subcommand create" -s P -l publish-all -d 'Publish all exposed ports to random ports'
complete -c rdock -n "__fish_rdock_using_subcommand create" -s q -l quiet -d 'Suppress the pull output'
complete -c rdock -n "__fish_rdock_using_subcommand create" -l help -d 'Print usage'
complete -c rdock -n "__fish_rdock_using_subcommand start" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand start" -l checkpoint -d 'Restore from this checkpoint' -r
complete -c rdock -n "__fish_rdock_using_subcommand start" -l checkpoint-dir -d 'Use a custom checkpoint storage directory' -r
complete -c rdock -n "__fish_rdock_using_subcommand start" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand start" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand start" -s a -l attach -d 'Attach STDOUT/STDERR and forward signals'
complete -c rdock -n "__fish_rdock_using_subcommand start" -s i -l interactive -d 'Attach container\'s STDIN'
complete -c rdock -n "__fish_rdock_using_subcommand start" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand stop" -s s -l signal -d 'Signal to send to the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand stop" -s t -l timeout -l time -d 'Seconds to wait before killing the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand stop" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand stop" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand stop" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand kill" -s s -l signal -d 'Signal to send to the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand kill" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand kill" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand kill" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand restart" -s s -l signal -d 'Signal to send to the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand restart" -s t -l timeout -l time -d 'Seconds to wait before killing the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand restart" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand restart" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand restart" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand rm" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand rm" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand rm" -s f -l force -d 'Force the removal of a running container (uses SIGKILL)'
complete -c rdock -n "__fish_rdock_using_subcommand rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c rdock -n "__fish_rdock_using_subcommand rm" -s l -l link -d 'Remove the specified link (not supported)'
complete -c rdock -n "__fish_rdock_using_subcommand rm" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand remove" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand remove" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand remove" -s f -l force -d 'Force the removal of a running container (uses SIGKILL)'
complete -c rdock -n "__fish_rdock_using_subcommand remove" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c rdock -n "__fish_rdock_using_subcommand remove" -s l -l link -d 'Remove the specified link (not supported)'
complete -c rdock -n "__fish_rdock_using_subcommand remove" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand ps" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c rdock -n "__fish_rdock_using_subcommand ps" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand ps" -s n -l last -d 'Show n last created containers (includes all states)' -r
complete -c rdock -n "__fish_rdock_using_subcommand ps" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand ps" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand ps" -s a -l all -d 'Show all containers (default shows just running)'
complete -c rdock -n "__fish_rdock_using_subcommand ps" -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c rdock -n "__fish_rdock_using_subcommand ps" -l no-trunc -d 'Don\'t truncate output'
complete -c rdock -n "__fish_rdock_using_subcommand ps" -s q -l quiet -d 'Only display container IDs'
complete -c rdock -n "__fish_rdock_using_subcommand ps" -s s -l size -d 'Display total file sizes'
complete -c rdock -n "__fish_rdock_using_subcommand ps" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand ls" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c rdock -n "__fish_rdock_using_subcommand ls" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand ls" -s n -l last -d 'Show n last created containers (includes all states)' -r
complete -c rdock -n "__fish_rdock_using_subcommand ls" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand ls" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand ls" -s a -l all -d 'Show all containers (default shows just running)'
complete -c rdock -n "__fish_rdock_using_subcommand ls" -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c rdock -n "__fish_rdock_using_subcommand ls" -l no-trunc -d 'Don\'t truncate output'
complete -c rdock -n "__fish_rdock_using_subcommand ls" -s q -l quiet -d 'Only display container IDs'
complete -c rdock -n "__fish_rdock_using_subcommand ls" -s s -l size -d 'Display total file sizes'
complete -c rdock -n "__fish_rdock_using_subcommand ls" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand list" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c rdock -n "__fish_rdock_using_subcommand list" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand list" -s n -l last -d 'Show n last created containers (includes all states)' -r
complete -c rdock -n "__fish_rdock_using_subcommand list" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand list" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand list" -s a -l all -d 'Show all containers (default shows just running)'
complete -c rdock -n "__fish_rdock_using_subcommand list" -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c rdock -n "__fish_rdock_using_subcommand list" -l no-trunc -d 'Don\'t truncate output'
complete -c rdock -n "__fish_rdock_using_subcommand list" -s q -l quiet -d 'Only display container IDs'
complete -c rdock -n "__fish_rdock_using_subcommand list" -s s -l size -d 'Display total file sizes'
complete -c rdock -n "__fish_rdock_using_subcommand list" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand logs" -l since -d 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' -r
complete -c rdock -n "__fish_rdock_using_subcommand logs" -s n -l tail -d 'Number of lines to show from the end of the logs' -r
complete -c rdock -n "__fish_rdock_using_subcommand logs" -l until -d 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' -r
complete -c rdock -n "__fish_rdock_using_subcommand logs" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand logs" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand logs" -l details -d 'Show extra details provided to logs'
complete -c rdock -n "__fish_rdock_using_subcommand logs" -s f -l follow -d 'Follow log output'
complete -c rdock -n "__fish_rdock_using_subcommand logs" -s t -l timestamps -d 'Show timestamps'
complete -c rdock -n "__fish_rdock_using_subcommand logs" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand exec" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand exec" -s e -l env -d 'Set environment variables' -r
complete -c rdock -n "__fish_rdock_using_subcommand exec" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand exec" -s u -l user -d 'Username or UID (format: "<name|uid>[:<group|gid>]")' -r
complete -c rdock -n "__fish_rdock_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand exec" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand exec" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand exec" -s d -l detach -d 'Detached mode: run command in the background'
complete -c rdock -n "__fish_rdock_using_subcommand exec" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c rdock -n "__fish_rdock_using_subcommand exec" -l privileged -d 'Give extended privileges to the command'
complete -c rdock -n "__fish_rdock_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rdock -n "__fish_rdock_using_subcommand exec" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand attach" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand attach" -l sig-proxy -d 'Proxy all received signals to the process' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand attach" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand attach" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand attach" -l no-stdin -d 'Do not attach STDIN'
complete -c rdock -n "__fish_rdock_using_subcommand attach" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand wait" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand wait" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand wait" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand pause" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand pause" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand pause" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand unpause" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand unpause" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand top" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand top" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand top" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand stats" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand stats" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand stats" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand stats" -s a -l all -d 'Show all containers (default shows just running)'
complete -c rdock -n "__fish_rdock_using_subcommand stats" -l no-stream -d 'Disable streaming stats and only pull the first result'
complete -c rdock -n "__fish_rdock_using_subcommand stats" -l no-trunc -d 'Do not truncate output'
complete -c rdock -n "__fish_rdock_using_subcommand stats" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand rename" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand rename" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand rename" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand update" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)' -r
complete -c rdock -n "__fish_rdock_using_subcommand update" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c rdock -n "__fish_rdock_using_subcommand update" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rdock -n "__fish_rdock_using_subcommand update" -l cpu-rt-period -d 'Limit the CPU real-time period in microseconds' -r
complete -c rdock -n "__fish_rdock_using_subcommand update" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime in microseconds' -r
complete -c rdock -n "__fish_rdock_using_subcommand update" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rdock -n "__fish_rdock_using_subcommand update" -l cpus -d 'Number of CPUs' -r
complete -c rdock -n "__fish_rdock_using_subcommand update" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand update" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand update" -s m -l memory -d 'Memory limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand update" -l memory-reservation -d 'Memory soft limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand update" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c rdock -n "__fish_rdock_using_subcommand update" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c rdock -n "__fish_rdock_using_subcommand update" -l restart -d 'Restart policy to apply when a container exits' -r
complete -c rdock -n "__fish_rdock_using_subcommand update" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand update" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand update" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand port" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand port" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand port" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand cp" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand cp" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand cp" -s a -l archive -d 'Archive mode (copy all uid/gid information)'
complete -c rdock -n "__fish_rdock_using_subcommand cp" -s L -l follow-link -d 'Always follow symbol link in SRC_PATH'
complete -c rdock -n "__fish_rdock_using_subcommand cp" -s q -l quiet -d 'Suppress progress output during copy'
complete -c rdock -n "__fish_rdock_using_subcommand cp" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand commit" -s a -l author -d 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' -r
complete -c rdock -n "__fish_rdock_using_subcommand commit" -s c -l change -d 'Apply Dockerfile instruction to the created image' -r
complete -c rdock -n "__fish_rdock_using_subcommand commit" -s m -l message -d 'Commit message' -r
complete -c rdock -n "__fish_rdock_using_subcommand commit" -s p -l pause -d 'Pause container during commit' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand commit" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand commit" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand commit" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand diff" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand diff" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand diff" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand export" -s o -l output -d 'Write to a file, instead of STDOUT' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand export" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand export" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand export" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand build" -l disable-content-trust -d 'Skip image verification (default true)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand build" -l add-host -d 'Add a custom host-to-IP mapping ("host:ip")' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l cgroup-parent -d 'Set the parent cgroup for the "RUN" instructions during build' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l isolation -d 'Container isolation technology (linux: default only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -s m -l memory -d 'Memory limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l security-opt -d 'Security options' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l build-arg -d 'Set build-time variables' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l build-context -d 'Additional build contexts (e.g., name=path or name=docker-image://ref)' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l cache-from -d 'Images to consider as cache sources' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -s f -l file -d 'Name of the Dockerfile (default: "PATH/Dockerfile")' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l iidfile -d 'Write the image ID to the file' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand build" -l label -d 'Set metadata for an image' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l network -d 'Set the networking mode for the "RUN" instructions during build' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l no-cache-filter -d 'Do not cache specified stages' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -s o -l output -d 'Output destination (format: "type=local,dest=path")' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l platform -d 'Set target platform for build' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l progress -d 'Set type of progress output ("auto", "plain", "tty", "quiet")' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l rm -d 'Remove intermediate containers after a successful build (always)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand build" -l shm-size -d 'Size of "/dev/shm"' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l ulimit -d 'Ulimit options' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l secret -d 'Secret to expose to the build (format: "id=mysecret[,src=/local/secret]")' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -s t -l tag -d 'Name and optionally a tag (format: "name:tag")' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l target -d 'Set the target build stage to build' -r
complete -c rdock -n "__fish_rdock_using_subcommand build" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand build" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand build" -l compress -d 'Compress the build context using gzip (the context is read in place: nothing to compress)'
complete -c rdock -n "__fish_rdock_using_subcommand build" -l squash -d 'Squash newly built layers into a single new layer'
complete -c rdock -n "__fish_rdock_using_subcommand build" -l no-cache -d 'Do not use cache when building the image'
complete -c rdock -n "__fish_rdock_using_subcommand build" -l pull -d 'Always attempt to pull all referenced images'
complete -c rdock -n "__fish_rdock_using_subcommand build" -s q -l quiet -d 'Suppress the build output and print image ID on success'
complete -c rdock -n "__fish_rdock_using_subcommand build" -l force-rm -d 'Always remove intermediate containers (always)'
complete -c rdock -n "__fish_rdock_using_subcommand build" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and not __fish_seen_subcommand_from build prune help" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand builder; and not __fish_seen_subcommand_from build prune help" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand builder; and not __fish_seen_subcommand_from build prune help" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and not __fish_seen_subcommand_from build prune help" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and not __fish_seen_subcommand_from build prune help" -f -a "prune" -d 'Remove build cache'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and not __fish_seen_subcommand_from build prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l disable-content-trust -d 'Skip image verification (default true)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l add-host -d 'Add a custom host-to-IP mapping ("host:ip")' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l cgroup-parent -d 'Set the parent cgroup for the "RUN" instructions during build' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l isolation -d 'Container isolation technology (linux: default only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -s m -l memory -d 'Memory limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l build-arg -d 'Set build-time variables' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l build-context -d 'Additional build contexts (e.g., name=path or name=docker-image://ref)' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l cache-from -d 'Images to consider as cache sources' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -s f -l file -d 'Name of the Dockerfile (default: "PATH/Dockerfile")' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image ID to the file' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l label -d 'Set metadata for an image' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l network -d 'Set the networking mode for the "RUN" instructions during build' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l no-cache-filter -d 'Do not cache specified stages' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -s o -l output -d 'Output destination (format: "type=local,dest=path")' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l platform -d 'Set target platform for build' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l progress -d 'Set type of progress output ("auto", "plain", "tty", "quiet")' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l rm -d 'Remove intermediate containers after a successful build (always)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l shm-size -d 'Size of "/dev/shm"' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l ulimit -d 'Ulimit options' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l secret -d 'Secret to expose to the build (format: "id=mysecret[,src=/local/secret]")' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name and optionally a tag (format: "name:tag")' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l target -d 'Set the target build stage to build' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l compress -d 'Compress the build context using gzip (the context is read in place: nothing to compress)'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l squash -d 'Squash newly built layers into a single new layer'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use cache when building the image'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l pull -d 'Always attempt to pull all referenced images'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Suppress the build output and print image ID on success'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -l force-rm -d 'Always remove intermediate containers (always)'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. "until=24h")' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from prune" -l keep-storage -d 'Amount of disk space to keep for cache' -r
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused build cache, not just dangling ones'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove build cache'
complete -c rdock -n "__fish_rdock_using_subcommand builder; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and not __fish_seen_subcommand_from build prune help" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and not __fish_seen_subcommand_from build prune help" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and not __fish_seen_subcommand_from build prune help" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and not __fish_seen_subcommand_from build prune help" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and not __fish_seen_subcommand_from build prune help" -f -a "prune" -d 'Remove build cache'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and not __fish_seen_subcommand_from build prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l disable-content-trust -d 'Skip image verification (default true)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l add-host -d 'Add a custom host-to-IP mapping ("host:ip")' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cgroup-parent -d 'Set the parent cgroup for the "RUN" instructions during build' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l isolation -d 'Container isolation technology (linux: default only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -s m -l memory -d 'Memory limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l build-arg -d 'Set build-time variables' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l build-context -d 'Additional build contexts (e.g., name=path or name=docker-image://ref)' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cache-from -d 'Images to consider as cache sources' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -s f -l file -d 'Name of the Dockerfile (default: "PATH/Dockerfile")' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image ID to the file' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l label -d 'Set metadata for an image' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l network -d 'Set the networking mode for the "RUN" instructions during build' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l no-cache-filter -d 'Do not cache specified stages' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -s o -l output -d 'Output destination (format: "type=local,dest=path")' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l platform -d 'Set target platform for build' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l progress -d 'Set type of progress output ("auto", "plain", "tty", "quiet")' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l rm -d 'Remove intermediate containers after a successful build (always)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l shm-size -d 'Size of "/dev/shm"' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l ulimit -d 'Ulimit options' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l secret -d 'Secret to expose to the build (format: "id=mysecret[,src=/local/secret]")' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name and optionally a tag (format: "name:tag")' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l target -d 'Set the target build stage to build' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l compress -d 'Compress the build context using gzip (the context is read in place: nothing to compress)'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l squash -d 'Squash newly built layers into a single new layer'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use cache when building the image'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l pull -d 'Always attempt to pull all referenced images'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Suppress the build output and print image ID on success'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -l force-rm -d 'Always remove intermediate containers (always)'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. "until=24h")' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from prune" -l keep-storage -d 'Amount of disk space to keep for cache' -r
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused build cache, not just dangling ones'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove build cache'
complete -c rdock -n "__fish_rdock_using_subcommand buildx; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand inspect" -s f -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand inspect" -l type -d 'Return JSON for specified type' -r
complete -c rdock -n "__fish_rdock_using_subcommand inspect" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand inspect" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand inspect" -s s -l size -d 'Display total file sizes if the type is container'
complete -c rdock -n "__fish_rdock_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand images" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c rdock -n "__fish_rdock_using_subcommand images" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand images" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand images" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand images" -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c rdock -n "__fish_rdock_using_subcommand images" -l digests -d 'Show digests'
complete -c rdock -n "__fish_rdock_using_subcommand images" -l no-trunc -d 'Don\'t truncate output'
complete -c rdock -n "__fish_rdock_using_subcommand images" -s q -l quiet -d 'Only show image IDs'
complete -c rdock -n "__fish_rdock_using_subcommand images" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand pull" -l platform -d 'Set platform if server is multi-platform capable' -r
complete -c rdock -n "__fish_rdock_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates (default: except for loopback and insecure registries)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand pull" -l disable-content-trust -d 'Download all tagged images in the repository (not supported) Skip image verification (default true)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand pull" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand pull" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand pull" -s q -l quiet -d 'Suppress verbose output'
complete -c rdock -n "__fish_rdock_using_subcommand pull" -s a -l all-tags
complete -c rdock -n "__fish_rdock_using_subcommand pull" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates (default: except for loopback and insecure registries)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand push" -l disable-content-trust -d 'Skip image verification (default true)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand push" -l platform -d 'Select a platform (rdock keeps one per image: it must be the image\'s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand push" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand push" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand push" -s a -l all-tags -d 'Push all tags of an image to the repository'
complete -c rdock -n "__fish_rdock_using_subcommand push" -s q -l quiet -d 'Suppress verbose output'
complete -c rdock -n "__fish_rdock_using_subcommand push" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand import" -s c -l change -d 'Apply Dockerfile instruction to the created image' -r
complete -c rdock -n "__fish_rdock_using_subcommand import" -s m -l message -d 'Set commit message for imported image' -r
complete -c rdock -n "__fish_rdock_using_subcommand import" -l platform -d 'Set platform if server is multi-platform capable' -r
complete -c rdock -n "__fish_rdock_using_subcommand import" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand import" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand import" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand tag" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand tag" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand tag" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand rmi" -l platform -d 'Select a platform (rdock keeps one per image: it must be the image\'s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand rmi" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand rmi" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand rmi" -s f -l force -d 'Force removal of the image'
complete -c rdock -n "__fish_rdock_using_subcommand rmi" -l no-prune -d 'Do not delete untagged parents (rdock images have none)'
complete -c rdock -n "__fish_rdock_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand history" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand history" -s H -l human -d 'Print sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand history" -l platform -d 'Select a platform (rdock keeps one per image: it must be the image\'s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand history" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand history" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand history" -l no-trunc -d 'Don\'t truncate output'
complete -c rdock -n "__fish_rdock_using_subcommand history" -s q -l quiet -d 'Only show image IDs'
complete -c rdock -n "__fish_rdock_using_subcommand history" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand search" -s f -l filter -d 'Filter output based on conditions provided (stars=N, is-official=true)' -r
complete -c rdock -n "__fish_rdock_using_subcommand search" -l format -d 'Pretty-print search using a Go template' -r
complete -c rdock -n "__fish_rdock_using_subcommand search" -l limit -d 'Max number of search results' -r
complete -c rdock -n "__fish_rdock_using_subcommand search" -l tls-verify -d 'Require HTTPS and verify certificates (default: except for loopback and insecure registries)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand search" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand search" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand search" -l no-trunc -d 'Don\'t truncate output'
complete -c rdock -n "__fish_rdock_using_subcommand search" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand save" -s o -l output -d 'Write to a file, instead of STDOUT' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand save" -l platform -d 'Select a platform (rdock keeps one per image: it must be the image\'s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand save" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand save" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand save" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand load" -s i -l input -d 'Read from tar archive file, instead of STDIN' -r
complete -c rdock -n "__fish_rdock_using_subcommand load" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand load" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand load" -s q -l quiet -d 'Suppress the load output'
complete -c rdock -n "__fish_rdock_using_subcommand load" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand login" -s u -l username -d 'Username' -r
complete -c rdock -n "__fish_rdock_using_subcommand login" -s p -l password -d 'Password' -r
complete -c rdock -n "__fish_rdock_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates (default: except for loopback and insecure registries)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand login" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand login" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand login" -l password-stdin -d 'Take the password from stdin'
complete -c rdock -n "__fish_rdock_using_subcommand login" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand logout" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand logout" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand logout" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand version" -s f -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand version" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand version" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand version" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand info" -s f -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand info" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand info" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand info" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand events" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c rdock -n "__fish_rdock_using_subcommand events" -l format -d 'Format output using a custom template (\'json\', or a Go template)' -r
complete -c rdock -n "__fish_rdock_using_subcommand events" -l since -d 'Show all events created since timestamp' -r
complete -c rdock -n "__fish_rdock_using_subcommand events" -l until -d 'Stream events until this timestamp' -r
complete -c rdock -n "__fish_rdock_using_subcommand events" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand events" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand events" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "run" -d 'Create and run a new container from an image'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "create" -d 'Create a new container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "start" -d 'Start one or more stopped containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "stop" -d 'Stop one or more running containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "kill" -d 'Kill one or more running containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "restart" -d 'Restart one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "rm" -d 'Remove one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "remove" -d 'Remove one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "ps" -d 'List containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "ls" -d 'List containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "list" -d 'List containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "logs" -d 'Fetch the logs of a container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "exec" -d 'Execute a command in a running container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "attach" -d 'Attach local standard input, output, and error streams to a running container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "wait" -d 'Block until one or more containers stop, then print their exit codes'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "top" -d 'Display the running processes of a container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "stats" -d 'Display a live stream of container(s) resource usage statistics'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "rename" -d 'Rename a container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "update" -d 'Update configuration of one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "diff" -d 'Inspect changes to files or directories on a container\'s filesystem'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "inspect" -d 'Display detailed information on one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "prune" -d 'Remove all stopped containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm remove ps ls list logs exec attach wait pause unpause top stats rename update port cp commit diff export inspect prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l sig-proxy -d 'Proxy received signals to the process' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l name -d 'Assign a name to the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -s e -l env -d 'Set environment variables' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Set meta data on a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -s h -l hostname -d 'Container host name' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l domainname -d 'Container NIS domain name' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l shm-size -d 'Size of /dev/shm' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l ulimit -d 'Ulimit options' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-score-adj -d 'Tune host\'s OOM preferences (-1000 to 1000)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l sysctl -d 'Sysctl options' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l group-add -d 'Add additional groups to join' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l ipc -d 'IPC mode to use' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l pid -d 'PID namespace to use' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l uts -d 'UTS namespace to use' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l log-driver -d 'Logging driver for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l log-opt -d 'Log driver options' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l device -d 'Add a host device to the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-iops -d 'Limit read rate (IO per second) from a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-iops -d 'Limit write rate (IO per second) to a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight-device -d 'Block IO weight (relative device weight) (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l link -d 'Add link to another container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l link-local-ip -d 'Container IPv4/IPv6 link-local addresses' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l ip6 -d 'IPv6 address (e.g., 2001:db8::33)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-parent -d 'Optional parent cgroup for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-rt-period -d 'Limit CPU real-time period in microseconds' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-rt-runtime -d 'Limit CPU real-time runtime in microseconds' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-count -d 'CPU count (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-percent -d 'CPU percent (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l io-maxbandwidth -d 'Maximum IO bandwidth limit for the system drive (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l io-maxiops -d 'Maximum IOps limit for the system drive (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l isolation -d 'Container isolation technology' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l kernel-memory -d 'Kernel memory limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l disable-content-trust -d 'Skip image verification (default true)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l restart -d 'Restart policy to apply when a container exits (default "no")' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l health-cmd -d 'Command to run to check health' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l health-interval -d 'Time between running the check (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l health-timeout -d 'Maximum time to allow one check to run (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-period -d 'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-interval -d 'Time between running the check during the start period (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l annotation -d 'Add an annotation to the container (passed through to the OCI runtime)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l runtime -d 'Runtime to use for this container (rdock\'s own: rdock, or runc)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l volume-driver -d 'Optional volume driver for the container (local)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-opt -d 'Storage driver options for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l gpus -d 'GPU devices to add to the container (\'all\' to pass all GPUs)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal to stop the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -s m -l memory -d 'Memory limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l cpus -d 'Number of CPUs' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-reservation -d 'Memory soft limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100) (default -1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-add -d 'Add Linux capabilities' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l security-opt -d 'Security Options' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpfs -d 'Mount a tmpfs directory' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -s v -l volume -d 'Bind mount a volume ([SRC:]DEST[:OPTS]; SRC a host path or a volume name)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,source=…,target=…)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l volumes-from -d 'Mount volumes from the specified container(s) (NAME[:ro|rw])' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l userns -d 'User namespace to use: host (rdock\'s own) or, rootless, keep-id (your uid and gid inside)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroupns -d 'Cgroup namespace to use (host|private); default: private on cgroup v2, host on v1' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l network -l net -d 'Connect a container to a network (bridge, a user-defined network, none, host or container:NAME; repeat to join several bridge networks)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l ip -d 'IPv4 address (e.g., 172.30.100.104)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l network-alias -d 'Add network-scoped alias for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l mac-address -d 'Container MAC address (e.g., 92:d0:c6:0a:29:33)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l add-host -d 'Add a custom host-to-IP mapping (host:ip; ip may be host-gateway)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l dns -d 'Set custom DNS servers' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-search -d 'Set custom DNS search domains' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-option -d 'Set DNS options' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a container\'s port(s) to the host' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l expose -d 'Expose a port or a range of ports' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l platform -d 'Set platform if server is multi-platform capable' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l pull -d 'Pull image before running ("always", "missing", "never")' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run container in background and print container ID'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l rm -d 'Automatically remove the container when it exits'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l use-api-socket -d 'Bind mount Docker API socket and required auth'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only -d 'Mount the container\'s root filesystem as read only'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l privileged -d 'Give extended privileges to this container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -s P -l publish-all -d 'Publish all exposed ports to random ports'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Suppress the pull output'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from run" -l help -d 'Print usage'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Assign a name to the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set environment variables' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set meta data on a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l hostname -d 'Container host name' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l domainname -d 'Container NIS domain name' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l label-file -d 'Read in a line delimited file of labels' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of /dev/shm' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Ulimit options' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-score-adj -d 'Tune host\'s OOM preferences (-1000 to 1000)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l sysctl -d 'Sysctl options' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l group-add -d 'Add additional groups to join' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l ipc -d 'IPC mode to use' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l pid -d 'PID namespace to use' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l uts -d 'UTS namespace to use' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Logging driver for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Log driver options' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l device -d 'Add a host device to the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l device-cgroup-rule -d 'Add a rule to the cgroup allowed devices list' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-bps -d 'Limit read rate (bytes per second) from a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-iops -d 'Limit read rate (IO per second) from a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-bps -d 'Limit write rate (bytes per second) to a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-iops -d 'Limit write rate (IO per second) to a device (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight-device -d 'Block IO weight (relative device weight) (default [])' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l link -d 'Add link to another container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l link-local-ip -d 'Container IPv4/IPv6 link-local addresses' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l ip6 -d 'IPv6 address (e.g., 2001:db8::33)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-parent -d 'Optional parent cgroup for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-rt-period -d 'Limit CPU real-time period in microseconds' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-rt-runtime -d 'Limit CPU real-time runtime in microseconds' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-count -d 'CPU count (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-percent -d 'CPU percent (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l io-maxbandwidth -d 'Maximum IO bandwidth limit for the system drive (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l io-maxiops -d 'Maximum IOps limit for the system drive (Windows only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l isolation -d 'Container isolation technology' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l kernel-memory -d 'Kernel memory limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l disable-content-trust -d 'Skip image verification (default true)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy to apply when a container exits (default "no")' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l health-cmd -d 'Command to run to check health' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l health-interval -d 'Time between running the check (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l health-timeout -d 'Maximum time to allow one check to run (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-period -d 'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-interval -d 'Time between running the check during the start period (ms|s|m|h) (default 0s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add an annotation to the container (passed through to the OCI runtime)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l runtime -d 'Runtime to use for this container (rdock\'s own: rdock, or runc)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l volume-driver -d 'Optional volume driver for the container (local)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-opt -d 'Storage driver options for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l gpus -d 'GPU devices to add to the container (\'all\' to pass all GPUs)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal to stop the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swap -d 'Swap limit equal to memory plus swap: \'-1\' to enable unlimited swap' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory soft limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swappiness -d 'Tune container memory swappiness (0 to 100) (default -1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add Linux capabilities' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'Security Options' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a tmpfs directory' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind mount a volume ([SRC:]DEST[:OPTS]; SRC a host path or a volume name)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Attach a filesystem mount to the container (type=bind|volume|tmpfs,source=…,target=…)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount volumes from the specified container(s) (NAME[:ro|rw])' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l userns -d 'User namespace to use: host (rdock\'s own) or, rootless, keep-id (your uid and gid inside)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroupns -d 'Cgroup namespace to use (host|private); default: private on cgroup v2, host on v1' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l network -l net -d 'Connect a container to a network (bridge, a user-defined network, none, host or container:NAME; repeat to join several bridge networks)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l ip -d 'IPv4 address (e.g., 172.30.100.104)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l network-alias -d 'Add network-scoped alias for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l mac-address -d 'Container MAC address (e.g., 92:d0:c6:0a:29:33)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l add-host -d 'Add a custom host-to-IP mapping (host:ip; ip may be host-gateway)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l dns -d 'Set custom DNS servers' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-search -d 'Set custom DNS search domains' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-option -d 'Set DNS options' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container\'s port(s) to the host' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l expose -d 'Expose a port or a range of ports' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l platform -d 'Set platform if server is multi-platform capable' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'Pull image before running ("always", "missing", "never")' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Automatically remove the container when it exits'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l use-api-socket -d 'Bind mount Docker API socket and required auth'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-kill-disable -d 'Disable OOM Killer'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Mount the container\'s root filesystem as read only'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give extended privileges to this container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish all exposed ports to random ports'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Suppress the pull output'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from create" -l help -d 'Print usage'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from start" -l checkpoint -d 'Restore from this checkpoint' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from start" -l checkpoint-dir -d 'Use a custom checkpoint storage directory' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach STDOUT/STDERR and forward signals'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Attach container\'s STDIN'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from stop" -s s -l signal -d 'Signal to send to the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l timeout -l time -d 'Seconds to wait before killing the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send to the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from restart" -s s -l signal -d 'Signal to send to the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l timeout -l time -d 'Seconds to wait before killing the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force the removal of a running container (uses SIGKILL)'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from rm" -s l -l link -d 'Remove the specified link (not supported)'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from remove" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from remove" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from remove" -s f -l force -d 'Force the removal of a running container (uses SIGKILL)'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from remove" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from remove" -s l -l link -d 'Remove the specified link (not supported)'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ps" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ps" -s n -l last -d 'Show n last created containers (includes all states)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ps" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ps" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ps" -s a -l all -d 'Show all containers (default shows just running)'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ps" -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Don\'t truncate output'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Only display container IDs'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ps" -s s -l size -d 'Display total file sizes'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show n last created containers (includes all states)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all containers (default shows just running)'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Don\'t truncate output'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display container IDs'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Display total file sizes'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from list" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from list" -s n -l last -d 'Show n last created containers (includes all states)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from list" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from list" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all containers (default shows just running)'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from list" -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from list" -l no-trunc -d 'Don\'t truncate output'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only display container IDs'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from list" -s s -l size -d 'Display total file sizes'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from logs" -s n -l tail -d 'Number of lines to show from the end of the logs' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from logs" -l details -d 'Show extra details provided to logs'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show timestamps'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from exec" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'Username or UID (format: "<name|uid>[:<group|gid>]")' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Detached mode: run command in the background'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from exec" -l privileged -d 'Give extended privileges to the command'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Proxy all received signals to the process' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach STDIN'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from pause" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from pause" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from unpause" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from stats" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from stats" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from stats" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from stats" -s a -l all -d 'Show all containers (default shows just running)'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-stream -d 'Disable streaming stats and only pull the first result'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-trunc -d 'Do not truncate output'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -l blkio-weight -d 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-period -d 'Limit CPU CFS (Completely Fair Scheduler) period' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-quota -d 'Limit CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-rt-period -d 'Limit the CPU real-time period in microseconds' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-rt-runtime -d 'Limit the CPU real-time runtime in microseconds' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -l cpus -d 'Number of CPUs' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -s m -l memory -d 'Memory limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-reservation -d 'Memory soft limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -l pids-limit -d 'Tune container pids limit (set -1 for unlimited)' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -l restart -d 'Restart policy to apply when a container exits' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from cp" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from cp" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Archive mode (copy all uid/gid information)'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from cp" -s L -l follow-link -d 'Always follow symbol link in SRC_PATH'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from cp" -s q -l quiet -d 'Suppress progress output during copy'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from commit" -s a -l author -d 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from commit" -s c -l change -d 'Apply Dockerfile instruction to the created image' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from commit" -s m -l message -d 'Commit message' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from commit" -s p -l pause -d 'Pause container during commit' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from commit" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from commit" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from diff" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from diff" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a file, instead of STDOUT' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from export" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from export" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from inspect" -l type -d 'Return JSON for specified type' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Display total file sizes if the type is container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. "until=<timestamp>")' -r
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "run" -d 'Create and run a new container from an image'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a new container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start one or more stopped containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop one or more running containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Kill one or more running containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "ps" -d 'List containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Fetch the logs of a container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Execute a command in a running container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "attach" -d 'Attach local standard input, output, and error streams to a running container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Block until one or more containers stop, then print their exit codes'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "top" -d 'Display the running processes of a container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Display a live stream of container(s) resource usage statistics'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "update" -d 'Update configuration of one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Inspect changes to files or directories on a container\'s filesystem'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display detailed information on one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all stopped containers'
complete -c rdock -n "__fish_rdock_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -f -a "ls" -d 'List images'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -f -a "list" -d 'List images'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -f -a "pull" -d 'Download an image from a registry'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -f -a "inspect" -d 'Display detailed information on one or more images'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -f -a "import" -d 'Import the contents from a tarball to create a filesystem image'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -f -a "push" -d 'Upload an image to a registry'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -f -a "rm" -d 'Remove one or more images'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -f -a "remove" -d 'Remove one or more images'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -f -a "history" -d 'Show the history of an image'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -f -a "prune" -d 'Remove unused images'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -f -a "save" -d 'Save one or more images to a tar archive (streamed to STDOUT by default)'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -f -a "load" -d 'Load an image from a tar archive or STDIN'
complete -c rdock -n "__fish_rdock_using_subcommand image; and not __fish_seen_subcommand_from build ls list pull inspect import push tag rm remove history prune save load help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l disable-content-trust -d 'Skip image verification (default true)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l add-host -d 'Add a custom host-to-IP mapping ("host:ip")' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroup-parent -d 'Set the parent cgroup for the "RUN" instructions during build' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-period -d 'Limit the CPU CFS (Completely Fair Scheduler) period' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-quota -d 'Limit the CPU CFS (Completely Fair Scheduler) quota' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -s c -l cpu-shares -d 'CPU shares (relative weight)' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l cpuset-cpus -d 'CPUs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l cpuset-mems -d 'MEMs in which to allow execution (0-3, 0,1)' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l isolation -d 'Container isolation technology (linux: default only)' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -s m -l memory -d 'Memory limit' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l memory-swap -d 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'Set build-time variables' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l build-context -d 'Additional build contexts (e.g., name=path or name=docker-image://ref)' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-from -d 'Images to consider as cache sources' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'Name of the Dockerfile (default: "PATH/Dockerfile")' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image ID to the file' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'Set metadata for an image' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l network -d 'Set the networking mode for the "RUN" instructions during build' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache-filter -d 'Do not cache specified stages' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -s o -l output -d 'Output destination (format: "type=local,dest=path")' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'Set target platform for build' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l progress -d 'Set type of progress output ("auto", "plain", "tty", "quiet")' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l rm -d 'Remove intermediate containers after a successful build (always)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l shm-size -d 'Size of "/dev/shm"' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l ulimit -d 'Ulimit options' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l secret -d 'Secret to expose to the build (format: "id=mysecret[,src=/local/secret]")' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name and optionally a tag (format: "name:tag")' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'Set the target build stage to build' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l compress -d 'Compress the build context using gzip (the context is read in place: nothing to compress)'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l squash -d 'Squash newly built layers into a single new layer'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use cache when building the image'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'Always attempt to pull all referenced images'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Suppress the build output and print image ID on success'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -l force-rm -d 'Always remove intermediate containers (always)'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Don\'t truncate output'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only show image IDs'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from list" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from list" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from list" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from list" -l digests -d 'Show digests'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from list" -l no-trunc -d 'Don\'t truncate output'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only show image IDs'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Set platform if server is multi-platform capable' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates (default: except for loopback and insecure registries)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from pull" -l disable-content-trust -d 'Download all tagged images in the repository (not supported) Skip image verification (default true)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Suppress verbose output'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from pull" -s a -l all-tags
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from inspect" -l type -d 'Return JSON for specified type' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Display total file sizes if the type is container'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'Apply Dockerfile instruction to the created image' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'Set commit message for imported image' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from import" -l platform -d 'Set platform if server is multi-platform capable' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from import" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from import" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates (default: except for loopback and insecure registries)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from push" -l disable-content-trust -d 'Skip image verification (default true)' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from push" -l platform -d 'Select a platform (rdock keeps one per image: it must be the image\'s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from push" -s a -l all-tags -d 'Push all tags of an image to the repository'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Suppress verbose output'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from rm" -l platform -d 'Select a platform (rdock keeps one per image: it must be the image\'s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force removal of the image'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from rm" -l no-prune -d 'Do not delete untagged parents (rdock images have none)'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from remove" -l platform -d 'Select a platform (rdock keeps one per image: it must be the image\'s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from remove" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from remove" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from remove" -s f -l force -d 'Force removal of the image'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from remove" -l no-prune -d 'Do not delete untagged parents (rdock images have none)'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Print sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from history" -l platform -d 'Select a platform (rdock keeps one per image: it must be the image\'s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Don\'t truncate output'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Only show image IDs'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. "until=<timestamp>", "label=<key>=<value>")' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not just dangling ones'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to a file, instead of STDOUT' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from save" -l platform -d 'Select a platform (rdock keeps one per image: it must be the image\'s)' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read from tar archive file, instead of STDIN' -r
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Suppress the load output'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List images'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Download an image from a registry'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display detailed information on one or more images'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import the contents from a tarball to create a filesystem image'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "push" -d 'Upload an image to a registry'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more images'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "history" -d 'Show the history of an image'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused images'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "save" -d 'Save one or more images to a tar archive (streamed to STDOUT by default)'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "load" -d 'Load an image from a tar archive or STDIN'
complete -c rdock -n "__fish_rdock_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and not __fish_seen_subcommand_from create ls list rm remove inspect prune help" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and not __fish_seen_subcommand_from create ls list rm remove inspect prune help" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and not __fish_seen_subcommand_from create ls list rm remove inspect prune help" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and not __fish_seen_subcommand_from create ls list rm remove inspect prune help" -f -a "create" -d 'Create a volume'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and not __fish_seen_subcommand_from create ls list rm remove inspect prune help" -f -a "ls" -d 'List volumes'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and not __fish_seen_subcommand_from create ls list rm remove inspect prune help" -f -a "list" -d 'List volumes'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and not __fish_seen_subcommand_from create ls list rm remove inspect prune help" -f -a "rm" -d 'Remove one or more volumes'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and not __fish_seen_subcommand_from create ls list rm remove inspect prune help" -f -a "remove" -d 'Remove one or more volumes'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and not __fish_seen_subcommand_from create ls list rm remove inspect prune help" -f -a "inspect" -d 'Display detailed information on one or more volumes'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and not __fish_seen_subcommand_from create ls list rm remove inspect prune help" -f -a "prune" -d 'Remove unused local volumes'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and not __fish_seen_subcommand_from create ls list rm remove inspect prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'Specify volume driver name' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -l label -d 'Set metadata for a volume' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Set driver specific options' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -l availability -d 'Cluster Volume availability ("active", "pause", "drain")' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -l group -d 'Cluster Volume group (cluster volumes)' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -l limit-bytes -d 'Minimum size of the Cluster Volume in bytes' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -l required-bytes -d 'Maximum size of the Cluster Volume in bytes' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -l scope -d 'Cluster Volume access scope ("single", "multi")' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -l secret -d 'Cluster Volume secrets' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -l sharing -d 'Cluster Volume access sharing ("none", "readonly", "onewriter", "all")' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -l topology-preferred -d 'A topology that the Cluster Volume would be preferred in' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -l topology-required -d 'A topology that the Cluster Volume must be accessible from' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -l type -d 'Cluster Volume access type ("mount", "block")' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Provide filter values (e.g. "dangling=true")' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display volume names'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from ls" -l cluster -d 'Display only cluster volumes, and use cluster volume list formatting'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from list" -s f -l filter -d 'Provide filter values (e.g. "dangling=true")' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from list" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from list" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from list" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only display volume names'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from list" -l cluster -d 'Display only cluster volumes, and use cluster volume list formatting'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force the removal of one or more volumes'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from remove" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from remove" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from remove" -s f -l force -d 'Force the removal of one or more volumes'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. "label=<label>")' -r
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused volumes, not just anonymous ones'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a volume'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List volumes'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more volumes'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display detailed information on one or more volumes'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused local volumes'
complete -c rdock -n "__fish_rdock_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand network; and not __fish_seen_subcommand_from create ls list rm remove inspect connect disconnect prune help" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and not __fish_seen_subcommand_from create ls list rm remove inspect connect disconnect prune help" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and not __fish_seen_subcommand_from create ls list rm remove inspect connect disconnect prune help" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand network; and not __fish_seen_subcommand_from create ls list rm remove inspect connect disconnect prune help" -f -a "create" -d 'Create a network'
complete -c rdock -n "__fish_rdock_using_subcommand network; and not __fish_seen_subcommand_from create ls list rm remove inspect connect disconnect prune help" -f -a "ls" -d 'List networks'
complete -c rdock -n "__fish_rdock_using_subcommand network; and not __fish_seen_subcommand_from create ls list rm remove inspect connect disconnect prune help" -f -a "list" -d 'List networks'
complete -c rdock -n "__fish_rdock_using_subcommand network; and not __fish_seen_subcommand_from create ls list rm remove inspect connect disconnect prune help" -f -a "rm" -d 'Remove one or more networks'
complete -c rdock -n "__fish_rdock_using_subcommand network; and not __fish_seen_subcommand_from create ls list rm remove inspect connect disconnect prune help" -f -a "remove" -d 'Remove one or more networks'
complete -c rdock -n "__fish_rdock_using_subcommand network; and not __fish_seen_subcommand_from create ls list rm remove inspect connect disconnect prune help" -f -a "inspect" -d 'Display detailed information on one or more networks'
complete -c rdock -n "__fish_rdock_using_subcommand network; and not __fish_seen_subcommand_from create ls list rm remove inspect connect disconnect prune help" -f -a "connect" -d 'Connect a container to a network'
complete -c rdock -n "__fish_rdock_using_subcommand network; and not __fish_seen_subcommand_from create ls list rm remove inspect connect disconnect prune help" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c rdock -n "__fish_rdock_using_subcommand network; and not __fish_seen_subcommand_from create ls list rm remove inspect connect disconnect prune help" -f -a "prune" -d 'Remove all unused networks'
complete -c rdock -n "__fish_rdock_using_subcommand network; and not __fish_seen_subcommand_from create ls list rm remove inspect connect disconnect prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'Driver to manage the Network' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l subnet -d 'Subnet in CIDR format that represents a network segment' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l gateway -d 'IPv4 Gateway for the master subnet' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l ip-range -d 'Allocate container ip from a sub-range' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l label -d 'Set metadata on a network' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -s o -l opt -d 'Set driver specific options' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l aux-address -d 'Auxiliary IPv4 or IPv6 addresses used by Network driver (default map[])' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l config-from -d 'The network from which to copy the configuration' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l ipam-driver -d 'IP Address Management Driver (default "default")' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l ipam-opt -d 'Set IPAM driver specific options (default map[])' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l ipv4 -d 'Enable or disable IPv4 address assignment' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l ipv6 -d 'Enable or disable IPv6 address assignment' -r -f -a "true\t''
false\t''"
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l scope -d 'Control the network\'s scope' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l internal -d 'Restrict external access to the network'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l attachable -d 'Enable manual container attachment'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l config-only -d 'Create a configuration only network'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -l ingress -d 'Create swarm routing-mesh network'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Provide filter values (e.g. "driver=bridge")' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display network IDs'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate the output'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from list" -s f -l filter -d 'Provide filter values (e.g. "driver=bridge")' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from list" -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from list" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from list" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only display network IDs'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate the output'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from rm" -s f -l force -d 'Do not error if the network does not exist'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from remove" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from remove" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from remove" -s f -l force -d 'Do not error if the network does not exist'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from inspect" -s v -l verbose -d 'Verbose output for diagnostics (swarm services; nothing more for local networks)'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from connect" -l alias -d 'Add network-scoped alias for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from connect" -l ip -d 'IPv4 address (e.g., "172.30.100.104")' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from connect" -l ip6 -d 'IPv6 address (e.g., "2001:db8::33")' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from connect" -l link -d 'Add link to another container' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from connect" -l link-local-ip -d 'Add a link-local address for the container' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from connect" -l driver-opt -d 'driver options for the network' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from connect" -l gw-priority -d 'Highest gw-priority provides the default gateway. Accepts positive and negative values' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from connect" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from connect" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s f -l force -d 'Force the container to disconnect from a network'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. "label=<key>=<value>")' -r
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a network'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List networks'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more networks'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display detailed information on one or more networks'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Connect a container to a network'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all unused networks'
complete -c rdock -n "__fish_rdock_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand system; and not __fish_seen_subcommand_from info events prune reset df boot help" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand system; and not __fish_seen_subcommand_from info events prune reset df boot help" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand system; and not __fish_seen_subcommand_from info events prune reset df boot help" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand system; and not __fish_seen_subcommand_from info events prune reset df boot help" -f -a "info" -d 'Display system-wide information'
complete -c rdock -n "__fish_rdock_using_subcommand system; and not __fish_seen_subcommand_from info events prune reset df boot help" -f -a "events" -d 'Get real time events from the server'
complete -c rdock -n "__fish_rdock_using_subcommand system; and not __fish_seen_subcommand_from info events prune reset df boot help" -f -a "prune" -d 'Remove unused data'
complete -c rdock -n "__fish_rdock_using_subcommand system; and not __fish_seen_subcommand_from info events prune reset df boot help" -f -a "reset" -d 'Remove all containers, images and cached data from rdock\'s store'
complete -c rdock -n "__fish_rdock_using_subcommand system; and not __fish_seen_subcommand_from info events prune reset df boot help" -f -a "df" -d 'Show rdock disk usage'
complete -c rdock -n "__fish_rdock_using_subcommand system; and not __fish_seen_subcommand_from info events prune reset df boot help" -f -a "boot" -d 'Start the containers a restart policy keeps up (after a reboot; see contrib/systemd)'
complete -c rdock -n "__fish_rdock_using_subcommand system; and not __fish_seen_subcommand_from info events prune reset df boot help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from events" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from events" -l format -d 'Format output using a custom template (\'json\', or a Go template)' -r
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from events" -l since -d 'Show all events created since timestamp' -r
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from events" -l until -d 'Stream events until this timestamp' -r
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from events" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from events" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from events" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. "label=<key>=<value>")' -r
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images not just dangling ones'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Prune anonymous volumes'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not prompt for confirmation'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Format output using a custom template (\'table\', \'table TEMPLATE\', \'json\', or a Go template)' -r
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from df" -s v -l verbose -d 'Show detailed information on space usage'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from boot" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from boot" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from boot" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "info" -d 'Display system-wide information'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "events" -d 'Get real time events from the server'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused data'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Remove all containers, images and cached data from rdock\'s store'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "df" -d 'Show rdock disk usage'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "boot" -d 'Start the containers a restart policy keeps up (after a reboot; see contrib/systemd)'
complete -c rdock -n "__fish_rdock_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand context; and not __fish_seen_subcommand_from ls list show inspect use help" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand context; and not __fish_seen_subcommand_from ls list show inspect use help" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand context; and not __fish_seen_subcommand_from ls list show inspect use help" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand context; and not __fish_seen_subcommand_from ls list show inspect use help" -f -a "ls" -d 'List contexts'
complete -c rdock -n "__fish_rdock_using_subcommand context; and not __fish_seen_subcommand_from ls list show inspect use help" -f -a "list" -d 'List contexts'
complete -c rdock -n "__fish_rdock_using_subcommand context; and not __fish_seen_subcommand_from ls list show inspect use help" -f -a "show" -d 'Print the name of the current context'
complete -c rdock -n "__fish_rdock_using_subcommand context; and not __fish_seen_subcommand_from ls list show inspect use help" -f -a "inspect" -d 'Display detailed information on one or more contexts'
complete -c rdock -n "__fish_rdock_using_subcommand context; and not __fish_seen_subcommand_from ls list show inspect use help" -f -a "use" -d 'Set the current docker context'
complete -c rdock -n "__fish_rdock_using_subcommand context; and not __fish_seen_subcommand_from ls list show inspect use help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from ls" -l format -d 'Format output using a custom template (\'table\', \'table TEMPLATE\', \'json\', or a Go template)' -r
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from ls" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from ls" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only show context names'
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from list" -l format -d 'Format output using a custom template (\'table\', \'table TEMPLATE\', \'json\', or a Go template)' -r
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from list" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from list" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only show context names'
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from show" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from show" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output using a custom template' -r
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from use" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from use" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List contexts'
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the name of the current context'
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display detailed information on one or more contexts'
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "use" -d 'Set the current docker context'
complete -c rdock -n "__fish_rdock_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and not __fish_seen_subcommand_from inspect create annotate push rm help" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and not __fish_seen_subcommand_from inspect create annotate push rm help" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and not __fish_seen_subcommand_from inspect create annotate push rm help" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and not __fish_seen_subcommand_from inspect create annotate push rm help" -f -a "inspect" -d 'Display an image manifest, or manifest list'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and not __fish_seen_subcommand_from inspect create annotate push rm help" -f -a "create" -d 'Create a local manifest list for annotating and pushing to a registry'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and not __fish_seen_subcommand_from inspect create annotate push rm help" -f -a "annotate" -d 'Add additional information to a local image manifest'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and not __fish_seen_subcommand_from inspect create annotate push rm help" -f -a "push" -d 'Push a manifest list to a repository'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and not __fish_seen_subcommand_from inspect create annotate push rm help" -f -a "rm" -d 'Delete one or more manifest lists from local storage'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and not __fish_seen_subcommand_from inspect create annotate push rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l insecure -d 'Allow communication with an insecure registry'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -s v -l verbose -d 'Output additional info including layers and platform'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from create" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from create" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from create" -s a -l amend -d 'Amend an existing manifest list'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from create" -l insecure -d 'Allow communication with an insecure registry'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l arch -d 'Set architecture' -r
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os -d 'Set operating system' -r
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os-features -d 'Set operating system feature' -r
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os-version -d 'Set operating system version' -r
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l variant -d 'Set architecture variant' -r
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from push" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from push" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from push" -l insecure -d 'Allow push to an insecure registry'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from push" -s p -l purge -d 'Remove the local manifest list after push'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display an image manifest, or manifest list'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a local manifest list for annotating and pushing to a registry'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "annotate" -d 'Add additional information to a local image manifest'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push a manifest list to a repository'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Delete one or more manifest lists from local storage'
complete -c rdock -n "__fish_rdock_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand unshare" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand unshare" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand unshare" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand completion" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand completion" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand completion" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand __supervise" -l sync-fd -r
complete -c rdock -n "__fish_rdock_using_subcommand __supervise" -l attach-fd -r
complete -c rdock -n "__fish_rdock_using_subcommand __supervise" -l tty-size -d 'ROWSxCOLS' -r
complete -c rdock -n "__fish_rdock_using_subcommand __supervise" -l root -d 'Storage root (images, containers, logs) [default: /var/lib/rdock; rootless: $XDG_DATA_HOME/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand __supervise" -l runroot -d 'Runtime state directory [default: /run/rdock, or ROOT/run with --root; rootless: $XDG_RUNTIME_DIR/rdock]' -r -F
complete -c rdock -n "__fish_rdock_using_subcommand __supervise" -s h -l help -d 'Print help'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "run" -d 'Create and run a new container from an image'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "create" -d 'Create a new container'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "start" -d 'Start one or more stopped containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "stop" -d 'Stop one or more running containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "kill" -d 'Kill one or more running containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "restart" -d 'Restart one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "rm" -d 'Remove one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "ps" -d 'List containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "logs" -d 'Fetch the logs of a container'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "exec" -d 'Execute a command in a running container'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "attach" -d 'Attach local standard input, output, and error streams to a running container'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "wait" -d 'Block until one or more containers stop, then print their exit codes'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "top" -d 'Display the running processes of a container'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "stats" -d 'Display a live stream of container(s) resource usage statistics'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "rename" -d 'Rename a container'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "update" -d 'Update configuration of one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "diff" -d 'Inspect changes to files or directories on a container\'s filesystem'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "builder" -d 'Manage builds'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "buildx" -d 'Build with BuildKit\'s command line (build, prune)'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "inspect" -d 'Return low-level information on containers or images'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "images" -d 'List images'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "pull" -d 'Download an image from a registry'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "push" -d 'Upload an image to a registry'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "import" -d 'Import the contents from a tarball to create a filesystem image'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "rmi" -d 'Remove one or more images'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "history" -d 'Show the history of an image'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "search" -d 'Search a registry for images'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "save" -d 'Save one or more images to a tar archive (streamed to STDOUT by default)'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "load" -d 'Load an image from a tar archive or STDIN'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "login" -d 'Log in to a registry'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "logout" -d 'Log out from a registry'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "version" -d 'Show the rdock version information'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "info" -d 'Display system-wide information'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "events" -d 'Get real time events from the server'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "container" -d 'Manage containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "image" -d 'Manage images'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "volume" -d 'Manage volumes'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "network" -d 'Manage networks'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "system" -d 'Manage rdock'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "context" -d 'Manage contexts (rdock has one: default, this machine)'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "manifest" -d 'Manage Docker image manifests and manifest lists'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "unshare" -d 'Run a command in rdock\'s user namespace (rootless: to inspect or clean storage)'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "completion" -d 'Print a shell completion script (bash, zsh, fish)'
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "__supervise"
complete -c rdock -n "__fish_rdock_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps logs exec attach wait pause unpause top stats rename update port cp commit diff export build builder buildx inspect images pull push import tag rmi history search save load login logout version info events container image volume network system context manifest unshare completion __supervise help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from builder" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from builder" -f -a "prune" -d 'Remove build cache'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from buildx" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from buildx" -f -a "prune" -d 'Remove build cache'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "run" -d 'Create and run a new container from an image'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "create" -d 'Create a new container'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "start" -d 'Start one or more stopped containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stop" -d 'Stop one or more running containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "kill" -d 'Kill one or more running containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "restart" -d 'Restart one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rm" -d 'Remove one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "ps" -d 'List containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "logs" -d 'Fetch the logs of a container'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exec" -d 'Execute a command in a running container'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "attach" -d 'Attach local standard input, output, and error streams to a running container'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "wait" -d 'Block until one or more containers stop, then print their exit codes'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "top" -d 'Display the running processes of a container'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stats" -d 'Display a live stream of container(s) resource usage statistics'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rename" -d 'Rename a container'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "update" -d 'Update configuration of one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "diff" -d 'Inspect changes to files or directories on a container\'s filesystem'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "inspect" -d 'Display detailed information on one or more containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "prune" -d 'Remove all stopped containers'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "ls" -d 'List images'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "pull" -d 'Download an image from a registry'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "inspect" -d 'Display detailed information on one or more images'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "import" -d 'Import the contents from a tarball to create a filesystem image'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "push" -d 'Upload an image to a registry'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "rm" -d 'Remove one or more images'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "history" -d 'Show the history of an image'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "prune" -d 'Remove unused images'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "save" -d 'Save one or more images to a tar archive (streamed to STDOUT by default)'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "load" -d 'Load an image from a tar archive or STDIN'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "create" -d 'Create a volume'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "ls" -d 'List volumes'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "rm" -d 'Remove one or more volumes'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "inspect" -d 'Display detailed information on one or more volumes'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "prune" -d 'Remove unused local volumes'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "create" -d 'Create a network'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "ls" -d 'List networks'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "rm" -d 'Remove one or more networks'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "inspect" -d 'Display detailed information on one or more networks'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "connect" -d 'Connect a container to a network'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "prune" -d 'Remove all unused networks'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "info" -d 'Display system-wide information'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "events" -d 'Get real time events from the server'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "prune" -d 'Remove unused data'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "reset" -d 'Remove all containers, images and cached data from rdock\'s store'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "df" -d 'Show rdock disk usage'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "boot" -d 'Start the containers a restart policy keeps up (after a reboot; see contrib/systemd)'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "ls" -d 'List contexts'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "show" -d 'Print the name of the current context'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "inspect" -d 'Display detailed information on one or more contexts'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "use" -d 'Set the current docker context'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "inspect" -d 'Display an image manifest, or manifest list'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "create" -d 'Create a local manifest list for annotating and pushing to a registry'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "annotate" -d 'Add additional information to a local image manifest'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "push" -d 'Push a manifest list to a repository'
complete -c rdock -n "__fish_rdock_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "rm" -d 'Delete one or more manifest lists from local storage'
