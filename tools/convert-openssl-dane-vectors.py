#!/usr/bin/env python3
"""Convert OpenSSL's DANE test vectors into dane4j's conformance test data.

Input: a folder holding unmodified copies of OpenSSL's test/danetest.in,
test/dane-cross.in, test/danetest.pem, test/certs/cross-root.pem and
LICENSE.txt (Apache License 2.0).

Output, written to dane-core/src/test/resources/conformance/openssl/ unless
--output says otherwise:
  cases.tsv       one row per test block, with our own descriptions and the
                  expected outcome for each profile
  certs/*.pem     every distinct certificate once, named after its subject
                  common name and the start of its SHA-256 fingerprint
  certs/index.tsv subject, issuer, validity and fingerprint of each file
  LICENSE.txt     the upstream licence, copied unchanged

The output is deterministic, so re-running the script on the same input
leaves the working tree unchanged. Only the Python 3 standard library is used.

Usage: tools/convert-openssl-dane-vectors.py SOURCE_DIR [--output DIR]
"""

import argparse
import base64
import hashlib
import pathlib
import re
import shutil
import sys
from dataclasses import dataclass

REPOSITORY_ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPOSITORY_ROOT / "dane-core/src/test/resources/conformance/openssl"

# Each vector file with the reference name, trust store and block id prefix
# that OpenSSL's test recipe (test/recipes/80-test_dane.t) uses for it.
VECTOR_FILES = [
    ("danetest.in", "example.com", "danetest.pem", "danetest"),
    ("dane-cross.in", "server.example", "cross-root.pem", "dane-cross"),
]

HEADER = re.compile(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s+(-?\d+)\s+(-?\d+)\s*$")
TLSA_LINE = re.compile(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s+([0-9A-Fa-f\s]+)$")
PEM_BEGIN = re.compile(r"^-----BEGIN (CERTIFICATE|TRUSTED CERTIFICATE|X509 CERTIFICATE)-----$")
PEM_END = re.compile(r"^-----END (CERTIFICATE|TRUSTED CERTIFICATE|X509 CERTIFICATE)-----$")

# X509_STORE_CTX error codes that occur in the vector files, mapped to the
# failure categories of cases.tsv. The Java test accepts a set of
# FailureReason values for each category.
FAILURE_CATEGORIES = {
    20: "pkix-path",  # X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
    62: "host-mismatch",  # X509_V_ERR_HOSTNAME_MISMATCH
    65: "no-match",  # X509_V_ERR_DANE_NO_MATCH
}

# Our own one-line description of each block, keyed by block id.
DESCRIPTIONS = {
    "danetest-01": "DANE-EE Cert Full pins the nameless, never-valid leaf; its dates are ignored",
    "danetest-02": "DANE-EE SPKI Full pins the key of the nameless, never-valid leaf",
    "danetest-03": "DANE-EE Cert SHA2-256 digest of the nameless, never-valid leaf",
    "danetest-04": "DANE-EE SPKI SHA2-256 digest of the nameless, never-valid leaf",
    "danetest-05": "DANE-EE Cert SHA2-512 digest of the nameless, never-valid leaf",
    "danetest-06": "DANE-EE SPKI SHA2-512 digest of the nameless, never-valid leaf",
    "danetest-07": "DANE-EE Cert SHA2-256 digest of the leaf with its last byte changed finds no match",
    "danetest-08": "DANE-EE SPKI SHA2-256 digest of the leaf key with its last byte changed finds no match",
    "danetest-09": "DANE-EE Cert SHA2-512 digest of the leaf with its last byte changed finds no match",
    "danetest-10": "DANE-EE SPKI SHA2-512 digest of the leaf key with its last byte changed finds no match",
    "danetest-11": "DANE-EE Cert SHA2-256 matches the example.com leaf of a three-certificate chain",
    "danetest-12": "DANE-EE SPKI SHA2-256 matches the example.com leaf of a three-certificate chain",
    "danetest-13": "DANE-EE Cert SHA2-512 matches the example.com leaf of a three-certificate chain",
    "danetest-14": "DANE-EE SPKI SHA2-512 matches the example.com leaf of a three-certificate chain",
    "danetest-15": "DANE-TA Cert SHA2-256 names the presented intermediate as trust anchor",
    "danetest-16": "DANE-TA SPKI SHA2-256 names the key of the presented intermediate",
    "danetest-17": "DANE-TA Cert SHA2-512 names the presented intermediate as trust anchor",
    "danetest-18": "DANE-TA SPKI SHA2-512 names the key of the presented intermediate",
    "danetest-19": "DANE-TA Cert SHA2-256 names the presented self-signed root",
    "danetest-20": "DANE-TA SPKI SHA2-256 names the key of the presented self-signed root",
    "danetest-21": "DANE-TA Cert SHA2-512 names the presented self-signed root",
    "danetest-22": "DANE-TA SPKI SHA2-512 names the key of the presented self-signed root",
    "danetest-23": "PKIX-EE Cert Full matches the leaf; the root comes from the local trust store",
    "danetest-24": "PKIX-EE SPKI Full matches the leaf key; the root comes from the local trust store",
    "danetest-25": "PKIX-EE Cert SHA2-256 matches the leaf; the root comes from the local trust store",
    "danetest-26": "PKIX-EE SPKI SHA2-256 matches the leaf key; the root comes from the local trust store",
    "danetest-27": "PKIX-EE Cert SHA2-512 matches the leaf; the server also sends the root",
    "danetest-28": "PKIX-EE SPKI SHA2-512 matches the leaf key; the server also sends the root",
    "danetest-29": "PKIX-TA Cert SHA2-256 matches the intermediate of a PKIX-valid chain",
    "danetest-30": "PKIX-TA SPKI Full matches the intermediate key of a PKIX-valid chain",
    "danetest-31": "PKIX-TA SPKI SHA2-256 matches the intermediate key of a PKIX-valid chain",
    "danetest-32": "PKIX-TA Cert SHA2-512 matches the intermediate; the server also sends the root",
    "danetest-33": "PKIX-TA SPKI SHA2-512 matches the intermediate key; the root is sent too",
    "danetest-34": "PKIX-TA Cert SHA2-256 matches the root that only the local trust store holds",
    "danetest-35": "PKIX-TA SPKI SHA2-256 matches the root key that only the trust store holds",
    "danetest-36": "PKIX-TA Cert SHA2-512 matches the root that the server also sends",
    "danetest-37": "PKIX-TA SPKI SHA2-512 matches the root key that the server also sends",
    "danetest-38": "PKIX-EE matches the leaf, but without the intermediate no path reaches the root",
    "danetest-39": "PKIX-EE matches the leaf; a PKIX-TA Cert Full record supplies the missing intermediate",
    "danetest-40": "PKIX-EE Cert SHA2-512 digest of the leaf with its last byte changed finds no match",
    "danetest-41": "PKIX-TA Cert SHA2-256 digest of the intermediate with its last byte changed finds no match",
    "danetest-42": "PKIX-TA Cert SHA2-256 digest of the unsent root with its last byte changed finds no match",
    "danetest-43": "DANE-EE SPKI SHA2-512 matches the leaf; the line after it is not a loaded record",
    "danetest-44": "DANE-TA SPKI SHA2-512 matches the intermediate; the line after it is not loaded",
    "danetest-45": "DANE-TA Cert SHA2-256 matches the root; the PKIX-TA line after it is not loaded",
    "danetest-46": "Same data as danetest-45: DANE-TA matches the root, the next line is not loaded",
    "danetest-47": "DANE-TA Cert Full carries the root that the server leaves out",
    "danetest-48": "DANE-TA Cert Full carries the intermediate; the server sends only the leaf",
    "danetest-49": "DANE-TA SPKI Full carries the intermediate's key, which signed the lone leaf",
    "danetest-50": "DANE-TA SPKI Full carries the root key, which signed the presented intermediate",
    "danetest-51": "DANE-EE matches an example.org leaf and names are not checked for DANE-EE",
    "danetest-52": "DANE-TA matches the intermediate, but the leaf is for example.org, not example.com",
    "danetest-53": "DANE-TA matches the root, but the leaf is for example.org, not example.com",
    "danetest-54": "DANE-EE matches an example.org leaf while DANE-EE name checks are on",
    "dane-cross-01": "DANE-TA Cert Full carries a self-signed Root CA; the chain holds a cross-signed one with the same key",
}


@dataclass
class Certificate:
    der: bytes
    subject_cn: str
    issuer_cn: str
    not_before: str
    not_after: str

    @property
    def fingerprint(self):
        return hashlib.sha256(self.der).hexdigest().upper()

    @property
    def file_name(self):
        slug = re.sub(r"[^a-z0-9]+", "-", self.subject_cn.lower()).strip("-") or "anonymous"
        return f"{slug}-{self.fingerprint[:8].lower()}.pem"

    def pem(self):
        body = base64.b64encode(self.der).decode("ascii")
        lines = [body[i : i + 64] for i in range(0, len(body), 64)]
        return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


@dataclass
class Block:
    block_id: str
    source: str
    reference_name: str
    trust_store: Certificate
    header: tuple
    records: list
    chain: list
    ignored_lines: list


class VectorError(Exception):
    pass


def read_der_element(data, offset):
    """Read the DER element at offset and return (tag, content start, content end)."""
    tag = data[offset]
    length = data[offset + 1]
    position = offset + 2
    if length & 0x80:
        count = length & 0x7F
        length = int.from_bytes(data[position : position + count], "big")
        position += count
    return tag, position, position + length


def der_children(data, start, end):
    children = []
    while start < end:
        tag, content_start, content_end = read_der_element(data, start)
        children.append((tag, content_start, content_end))
        start = content_end
    return children


def common_name(data, name):
    """Return the first commonName (OID 2.5.4.3) of a DER Name, or ""."""
    _, start, end = name
    for _, set_start, set_end in der_children(data, start, end):
        for _, attribute_start, attribute_end in der_children(data, set_start, set_end):
            oid, value = der_children(data, attribute_start, attribute_end)[:2]
            if data[oid[1] : oid[2]] == bytes([0x55, 0x04, 0x03]):
                return data[value[1] : value[2]].decode("utf-8")
    return ""


def der_time(data, element):
    tag, start, end = element
    text = data[start:end].decode("ascii")
    if tag == 0x17:  # UTCTime, two-digit year as in RFC 5280 section 4.1.2.5.1
        year = int(text[:2])
        text = ("19" if year >= 50 else "20") + text
    return f"{text[0:4]}-{text[4:6]}-{text[6:8]}T{text[8:10]}:{text[10:12]}:{text[12:14]}Z"


def parse_certificate(der):
    _, start, end = read_der_element(der, 0)
    tbs = der_children(der, start, end)[0]
    fields = der_children(der, tbs[1], tbs[2])
    if fields[0][0] == 0xA0:  # explicit version tag
        fields = fields[1:]
    issuer, validity, subject = fields[2], fields[3], fields[4]
    not_before, not_after = der_children(der, validity[1], validity[2])
    return Certificate(
        der=der,
        subject_cn=common_name(der, subject),
        issuer_cn=common_name(der, issuer),
        not_before=der_time(der, not_before),
        not_after=der_time(der, not_after),
    )


def read_pem_certificates(lines, position, count, where):
    """Read count PEM certificates from lines[position:], skipping other text as OpenSSL does.

    Return (certificates, next position, skipped lines).
    """
    certificates = []
    skipped = []
    while len(certificates) < count:
        if position >= len(lines):
            raise VectorError(
                f"{where}: certificate {len(certificates) + 1} of {count} is missing"
                " (end of file reached); the header's certificate count is too large"
            )
        line = lines[position]
        position += 1
        if not PEM_BEGIN.match(line):
            if line:
                skipped.append(line)
            continue
        body = []
        while not PEM_END.match(lines[position]):
            body.append(lines[position])
            position += 1
            if position >= len(lines):
                raise VectorError(f"{where}: PEM certificate {len(certificates) + 1} has no END line")
        position += 1
        certificates.append(parse_certificate(base64.b64decode("".join(body))))
    return certificates, position, skipped


def read_lines(path):
    text = path.read_text(encoding="ascii")
    if not text.endswith("\n"):
        raise VectorError(f"{path.name}: invalid file, the last line has no newline")
    return [line.rstrip() for line in text.split("\n")[:-1]]


def parse_vector_file(path, reference_name, trust_store, id_prefix):
    lines = read_lines(path)
    blocks = []
    position = 0
    while position < len(lines):
        line = lines[position]
        position += 1
        if not line or line.startswith("#"):
            continue
        header = HEADER.match(line)
        if not header:
            raise VectorError(f"{path.name}:{position}: expected a block header, found {line!r}")
        header_line = position
        tlsa_count, cert_count, nonamechecks, code, depth = (int(g) for g in header.groups())
        where = f"{path.name}:{header_line}"

        # Exactly TLSA-count record lines follow the header, as in OpenSSL's reader.
        records = []
        for _ in range(tlsa_count):
            record = TLSA_LINE.match(lines[position])
            if not record:
                raise VectorError(
                    f"{where}: invalid TLSA line {lines[position]!r}; expected"
                    " 'usage selector matching-type hex', as many lines as the header announces"
                )
            usage, selector, mtype, data = record.groups()
            records.append((int(usage), int(selector), int(mtype), re.sub(r"\s+", "", data)))
            position += 1

        chain, position, skipped = read_pem_certificates(lines, position, cert_count, where)
        ignored = [text for text in skipped if TLSA_LINE.match(text)]
        blocks.append(
            Block(
                block_id=f"{id_prefix}-{len(blocks) + 1:02d}",
                source=where,
                reference_name=reference_name,
                trust_store=trust_store,
                header=(nonamechecks, code, depth),
                records=records,
                chain=chain,
                ignored_lines=ignored,
            )
        )
    return blocks


def expectation(code, depth):
    """Return (authenticated, depth, failure category) for an OpenSSL result."""
    if code == 0:
        return "yes", depth, "-"
    if code not in FAILURE_CATEGORIES:
        raise VectorError(
            f"verify result {code} has no failure category; add it to FAILURE_CATEGORIES"
        )
    return "no", -1, FAILURE_CATEGORIES[code]


def smtp_expectation(block):
    """Return the SMTP-profile expectation, or None when the block does not apply to SMTP.

    RFC 7672 section 3.1.3 lets SMTP clients treat PKIX-TA(0) and PKIX-EE(1)
    as unusable, and dane4j does, so blocks that load them are generic-only.
    RFC 7672 section 3.2.1 forbids name checks for DANE-EE(3), which equals
    nonamechecks = 1. A block that expects a host mismatch at depth 0 with
    only DANE-EE records failed on exactly that name check, so under SMTP it
    is authenticated at depth 0. Every other block either sets nonamechecks
    already or presents a leaf whose name matches the reference name.
    """
    usages = {record[0] for record in block.records}
    if not usages <= {2, 3}:
        return None
    nonamechecks, code, depth = block.header
    if nonamechecks == 0 and code == 62 and depth == 0 and usages == {3}:
        return "yes", 0, "-"
    return expectation(code, depth)


COLUMNS = [
    "id",
    "source",
    "reference_name",
    "trust_anchor",
    "chain",
    "tlsa",
    "nonamechecks",
    "openssl_result",
    "openssl_depth",
    "authenticated",
    "depth",
    "failure",
    "smtp_authenticated",
    "smtp_depth",
    "smtp_failure",
    "description",
]

CASES_PREAMBLE = """\
# OpenSSL DANE test vectors (test/danetest.in, test/dane-cross.in; Apache License 2.0),
# converted by tools/convert-openssl-dane-vectors.py. Do not edit by hand: change the
# script and run it again.
#
# One row per block, tab-separated. Lists inside a field are separated by ";".
#   id                 block id: source file stem and the block's position in it
#   source             source file and line of the block header
#   reference_name     reference identifier (TLSA base domain) for name checks
#   trust_anchor       certificate file of the PKIX trust store (used by usages 0 and 1)
#   chain              presented certificates, leaf first, as files under certs/
#   tlsa               the records OpenSSL loads: usage selector matching-type hex
#   nonamechecks       1 when the block turns off name checks for DANE-EE(3)
#   openssl_result     X509_STORE_CTX error code that OpenSSL expects (0 = verified)
#   openssl_depth      OpenSSL's match depth (SSL_get0_dane_authority), -1 for no match
#   authenticated      generic profile: yes or no
#   depth              generic profile: match depth when authenticated, else -1
#   failure            generic profile: failure category when not authenticated, else -
#                      (no-match, host-mismatch, pkix-path)
#   smtp_authenticated SMTP profile (RFC 7672): yes, no, or - when the block loads
#                      PKIX-TA(0) or PKIX-EE(1) records and applies only to the generic profile
#   smtp_depth         SMTP profile: as depth
#   smtp_failure       SMTP profile: as failure
#   description        what the block tests, in our words
"""


def case_row(block):
    nonamechecks, code, depth = block.header
    authenticated, expected_depth, failure = expectation(code, depth)
    smtp = smtp_expectation(block) or ("-", "-", "-")
    description = DESCRIPTIONS.get(block.block_id)
    if description is None:
        raise VectorError(f"{block.block_id}: no description; add one to DESCRIPTIONS")
    tlsa = ";".join(f"{u} {s} {m} {data}" for u, s, m, data in block.records)
    values = [
        block.block_id,
        block.source,
        block.reference_name,
        block.trust_store.file_name,
        ";".join(certificate.file_name for certificate in block.chain),
        tlsa,
        nonamechecks,
        code,
        depth,
        authenticated,
        expected_depth,
        failure,
        *smtp,
        description,
    ]
    return "\t".join(str(value) for value in values)


def write_outputs(source_dir, output_dir):
    blocks = []
    certificates = {}
    for file_name, reference_name, trust_store_name, id_prefix in VECTOR_FILES:
        trust_store_lines = read_lines(source_dir / trust_store_name)
        trust_store, _, _ = read_pem_certificates(trust_store_lines, 0, 1, trust_store_name)
        file_blocks = parse_vector_file(
            source_dir / file_name, reference_name, trust_store[0], id_prefix
        )
        for block in file_blocks:
            for certificate in [block.trust_store, *block.chain]:
                certificates[certificate.fingerprint] = certificate
            if block.ignored_lines:
                print(
                    f"{block.block_id}: not loaded (after the {len(block.records)} record(s)"
                    f" that the header announces): {block.ignored_lines[0][:40]}...",
                    file=sys.stderr,
                )
        blocks.extend(file_blocks)

    unknown = set(DESCRIPTIONS) - {block.block_id for block in blocks}
    if unknown:
        raise VectorError(f"descriptions for blocks that do not exist: {sorted(unknown)}")
    names = [certificate.file_name for certificate in certificates.values()]
    if len(set(names)) != len(names):
        raise VectorError(f"two certificates map to the same file name: {sorted(names)}")

    certs_dir = output_dir / "certs"
    if certs_dir.exists():
        shutil.rmtree(certs_dir)
    certs_dir.mkdir(parents=True)
    index = ["file\tsubject_cn\tissuer_cn\tnot_before\tnot_after\tsha256"]
    for certificate in sorted(certificates.values(), key=lambda c: c.file_name):
        (certs_dir / certificate.file_name).write_text(certificate.pem(), encoding="ascii")
        index.append(
            "\t".join(
                [
                    certificate.file_name,
                    certificate.subject_cn or "(empty)",
                    certificate.issuer_cn or "(empty)",
                    certificate.not_before,
                    certificate.not_after,
                    certificate.fingerprint,
                ]
            )
        )
    (certs_dir / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")

    rows = [CASES_PREAMBLE + "\t".join(COLUMNS)] + [case_row(block) for block in blocks]
    (output_dir / "cases.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    shutil.copyfile(source_dir / "LICENSE.txt", output_dir / "LICENSE.txt")
    print(
        f"wrote {len(blocks)} cases and {len(certificates)} certificates to {output_dir}",
        file=sys.stderr,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "source_dir",
        type=pathlib.Path,
        help="folder with danetest.in, dane-cross.in, danetest.pem, cross-root.pem, LICENSE.txt",
    )
    parser.add_argument(
        "--output",
        type=pathlib.Path,
        default=DEFAULT_OUTPUT,
        help=f"folder to write to (default: {DEFAULT_OUTPUT.relative_to(REPOSITORY_ROOT)})",
    )
    arguments = parser.parse_args()
    try:
        write_outputs(arguments.source_dir, arguments.output)
    except (VectorError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
