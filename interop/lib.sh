# Shared settings of the interop scripts; sourced, not run.
#
# INTEROP_WORK  the work directory for keys, zones, configs, pid files and logs
#               (default: interop/work in this checkout, ignored by git)
# INTEROP_NET   the first three octets of the loopback addresses that the SMTP servers listen on
#               (default: 127.0.0); the servers use .11 to .19 of that prefix

interop_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=${INTEROP_WORK:-$interop_dir/work}
net=${INTEROP_NET:-127.0.0}

# The SMTP servers, one certificate chain each. Every address listens on port 25 (STARTTLS) and
# port 465 (implicit TLS).
addr_ee=$net.11      # leaf and intermediate, for DANE-EE records and a trust anchor not sent
addr_ta=$net.12      # leaf, intermediate and root, for DANE-TA records
addr_expired=$net.13 # an expired leaf, the intermediate and the root
addr_plain=$net.14   # no TLS at all: port 25 without STARTTLS, nothing on port 465
smtp_addresses=("$addr_ee" "$addr_ta" "$addr_expired")
smtp_chains=(ee ta expired)

# Unbound also listens on port 53 of this address, because the C library's stub resolver (and so
# posttls-finger) cannot send queries to another port.
addr_resolver=$net.10

run=$work/run
ports_file=$run/ports.env

parent_zone=interop.test
child_zones=(nsec nsec3 unsigned bogus)

log() {
  echo "interop: $*" >&2
}

die() {
  echo "interop: error: $*" >&2
  exit 1
}

# Prints a TCP and UDP port on 127.0.0.1 that nothing listens on. Another process may take it
# before the caller binds it; start.sh then fails with the server's own message.
free_port() {
  python3 - <<'PY'
import socket
while True:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
        tcp.bind(("127.0.0.1", 0))
        port = tcp.getsockname()[1]
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            try:
                udp.bind(("127.0.0.1", port))
            except OSError:
                continue
        print(port)
        break
PY
}

# Prints the hex SHA-256 digest of a PEM certificate's DER SubjectPublicKeyInfo (selector 1).
spki_sha256() {
  openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1
}

# Prints the hex SHA-256 digest of a PEM certificate's DER encoding (selector 0).
cert_sha256() {
  openssl x509 -in "$1" -outform DER | sha256sum | cut -d' ' -f1
}
