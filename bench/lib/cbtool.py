#!/usr/bin/env python3
"""Helpers of cluster-bench.sh (standard library only).

  cbtool.py create  --url U --name X --table T --schema-file F [--jsonpaths] [--sorting-key K]
                    [--partition-key K] [--settings 'starling_shards=3, starling_replicas=2']
        POST /v0/datasources?mode=create with engine_settings (the schema string comes from the harness'
        tbload.schema_from_ddl, so it is the same data source the harness creates, plus the settings).
  cbtool.py count   --url U --table T        prints count() of the table
  cbtool.py part    --url U --name X --file F --part I --parts N [--format csv|ndjson] [--chunk-mib 8]
        Part I (0-based) of N of the file, cut at line ends (the generator writes no newline inside a quoted
        field) and read without a copy on disk: CSV as one POST /v0/datasources?name=X&mode=append, NDJSON as
        POST /v0/events?name=X&wait=true requests of --chunk-mib each (like tbload.py events, but a request
        answered 5xx is sent again, up to --retries times and --retry-budget (10) times per load; the server
        deduplicates the retried block).
  cbtool.py report  RAW                      the markdown report of one raw folder (stdout)

Token: --token or $PROJECT_TOKEN. The harness' lib folder comes from $BENCH (default /work/shared/bench).
"""
import argparse
import hashlib
import json
import math
import os
import re
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

BENCH = os.environ.get("BENCH", "/work/shared/bench")
sys.path.insert(0, os.path.join(BENCH, "lib"))


def request(url, token, method, path, params=None, timeout=600):
    full = url.rstrip("/") + path + ("?" + urllib.parse.urlencode(params) if params else "")
    req = urllib.request.Request(full, method=method, data=b"" if method == "POST" else None)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def create(a):
    import tbload  # the harness' own schema conversion
    params = {"name": a.name, "mode": "create", "engine": "MergeTree",
              "schema": tbload.schema_from_ddl(a.schema_file, a.table or a.name, a.jsonpaths)}
    if a.sorting_key:
        params["engine_sorting_key"] = a.sorting_key
    if a.partition_key:
        params["engine_partition_key"] = a.partition_key
    if a.settings:
        params["engine_settings"] = a.settings
    st, body = request(a.url, a.token, "POST", "/v0/datasources", params)
    print(json.dumps({"cmd": "create", "name": a.name, "settings": a.settings, "status": st,
                      "response": body.strip()[:300]}))
    return 0 if st < 300 else 1


def count(a):
    st, body = request(a.url, a.token, "GET", "/v0/sql", {"q": f"SELECT count() AS c FROM {a.table} FORMAT JSON"})
    if st >= 300:
        print(f"count of {a.table} failed: HTTP {st} {body.strip()[:300]}", file=sys.stderr)
        return 1
    print(int(json.loads(body)["data"][0]["c"]))
    return 0


def line_bounds(path, parts):
    """N+1 byte offsets that cut the file into N ranges of about equal size, each ending at a line end."""
    size = os.path.getsize(path)
    bounds = [0]
    with open(path, "rb") as f:
        for i in range(1, parts):
            f.seek(max(bounds[-1], size * i // parts))
            f.readline()
            bounds.append(min(f.tell(), size))
    bounds.append(size)
    return bounds


def post(a, path, params, body, ctype, length):
    try:
        return post_once(a, path, params, body, ctype, length)
    except (urllib.error.URLError, OSError) as e:   # e.g. the server closed the connection mid-body
        return 599, f"connection failed: {e}"


def post_once(a, path, params, body, ctype, length):
    full = a.url.rstrip("/") + path + "?" + urllib.parse.urlencode(params)
    req = urllib.request.Request(full, data=body, method="POST")
    req.add_header("Content-Type", ctype)
    req.add_header("Content-Length", str(length))
    if a.token:
        req.add_header("Authorization", "Bearer " + a.token)
    try:
        with urllib.request.urlopen(req, timeout=3600) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def events_part(a, start, end):
    """Events API requests of --chunk-mib; a request answered 5xx (or cut off) is sent again with the same bytes,
    up to --retries times: the server deduplicates a retried block by its hash, so a retry never double-counts."""
    limit = int(a.chunk_mib * (1 << 20))
    requests = retries = 0
    st, text = 200, ""
    with open(a.file, "rb") as f:
        f.seek(start)
        buf, size = [], 0
        while f.tell() < end:
            line = f.readline()
            if not line:
                break
            buf.append(line)
            size += len(line)
            if size >= limit or f.tell() >= end:
                body = b"".join(buf)
                for attempt in range(a.retries + 1):
                    t0 = time.perf_counter()
                    st, text = post(a, "/v0/events", {"name": a.name, "wait": "true"}, body, "application/x-ndjson",
                                    size)
                    if st < 500 or attempt == a.retries or retries >= a.retry_budget:
                        break
                    retries += 1
                    print(f"request {requests + 1} answered {st} after {time.perf_counter() - t0:.1f} s, sent again: "
                          f"{text.strip()[:300]}", file=sys.stderr, flush=True)
                requests += 1
                buf, size = [], 0
                if st >= 300:
                    break
    return st, text, requests, retries


def part(a):
    bounds = line_bounds(a.file, a.parts)
    start, end = bounds[a.part], bounds[a.part + 1]
    if a.format == "ndjson":
        st, text, requests, retries = events_part(a, start, end)
        print(json.dumps({"cmd": "part", "format": "ndjson", "part": a.part, "parts": a.parts, "bytes": end - start,
                          "requests": requests, "retries": retries, "status": st, "response": text.strip()[:300]}))
        return 0 if st < 300 else 1

    def body():
        with open(a.file, "rb") as f:
            f.seek(start)
            left = end - start
            while left > 0:
                chunk = f.read(min(left, 1 << 20))
                if not chunk:
                    break
                left -= len(chunk)
                yield chunk
    st, text = post(a, "/v0/datasources", {"name": a.name, "mode": "append"}, body(), "text/csv", end - start)
    print(json.dumps({"cmd": "part", "format": "csv", "part": a.part, "parts": a.parts, "bytes": end - start, "status": st,
                      "response": text.strip()[:300]}))
    return 0 if st < 300 else 1


# ------------------------------------------------------------------ answers
TS = re.compile(r"^(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d)(\.0+)?$")


def norm(v):
    if v is None:
        return None
    s = str(v)
    m = TS.match(s)
    if m:
        return m.group(1).replace("T", " ")
    try:
        return float(s)
    except ValueError:
        return s


def compare(a, b):
    """Same verdicts as the harness' report: '=' same values (numbers within 1e-6 relative, i.e. float sums added
    in another order), '≈' numbers within 10 % (approximate uniq/quantile), '≈ (order)' same rows in another order,
    '≠' otherwise."""
    if a is None or b is None:
        return "?"
    v = compare_rows(a, b)
    if v.startswith("≠") and len(a) == len(b):
        key = lambda r: [str(x) for x in map(norm, r) if not isinstance(x, float)]
        if not compare_rows(sorted(a, key=key), sorted(b, key=key)).startswith("≠"):
            return "≈ (order)"
    return v


def compare_rows(a, b):
    if len(a) != len(b):
        return f"≠ ({len(a)} vs {len(b)} rows)"
    verdict = "="
    for ra, rb in zip(a, b):
        if len(ra) != len(rb):
            return "≠ (columns)"
        for x, y in zip(map(norm, ra), map(norm, rb)):
            if isinstance(x, float) and isinstance(y, float):
                if math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9):
                    continue
                if math.isclose(x, y, rel_tol=0.10, abs_tol=2):
                    verdict = "≈"
                    continue
                return "≠"
            if x != y:
                return "≠"
    return verdict


def digest(rows):
    """Digest of an answer exactly as it came back (byte-identical answers have the same digest)."""
    if rows is None:
        return None
    return hashlib.sha1(json.dumps(rows, sort_keys=True).encode()).hexdigest()[:10]


# ------------------------------------------------------------------ report
def load_jsonl(path):
    out = []
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if line.startswith("{"):
                out.append(json.loads(line))
    return out


def fmt_ms(v):
    if v is None:
        return "–"
    if v >= 100:
        return f"{v:.0f}"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def fmt_rate(v):
    return "–" if not v else (f"{v / 1e6:.2f}M" if v >= 1e6 else f"{v / 1e3:.1f}k")


def report(raw):
    facts = {}
    for d in load_jsonl(os.path.join(raw, "facts.jsonl")):
        facts.setdefault(d["key"], []).append(d["value"])
    one = lambda k, default="?": facts.get(k, [default])[-1]
    targets = one("targets", [])
    labels = [t["label"] for t in targets]
    queries = {}
    for t in labels:
        for d in load_jsonl(os.path.join(raw, f"{t}-queries.jsonl")):
            queries.setdefault(d["q"], {})[t] = d
    results = {}
    for q in queries:
        for t in labels:
            p = os.path.join(raw, "results", f"{t}-Q{q:02d}.json")
            results.setdefault(q, {})[t] = json.load(open(p)) if os.path.exists(p) else None

    out = []
    w = out.append
    w(f"# Starling cluster vs single node: {one('rows')} rows ({one('started')})")
    w("")
    w(f"- Machine: {one('machine')}")
    w(f"- Jar: `{one('jar')}` ({one('jar_time')})")
    w(f"- Cluster: {one('nodes')} nodes (`starling cluster start --nodes {one('nodes')} --heap {one('heap')}`), "
      f"events with `engine_settings={one('events_settings')}`, tenants with `{one('tenants_settings')}`")
    w(f"- Single node: `starling local` on port {one('single_port')}, -Xmx{one('single_heap')}, same jar, same data")
    w(f"- Queries: the harness' `queries/clickhouse.sql` through `lib/httpq.py`, {one('runs')} warm runs per query and "
      f"target{', after a cold run' if one('cold', 0) else ''}, targets interleaved query by query "
      f"({', '.join(labels)}); times are the server's `statistics.elapsed` (ms)")
    w(f"- Settle time after the loads: {one('settle_s')} s")
    w("")
    w("## Ingest")
    w("")
    w("| target | format | path | rows | seconds | rows/s | MB/s | requests sent again |")
    w("|---|---|---|---:|---:|---:|---:|---:|")
    for ld in facts.get("load", []):
        rate = ld["rows"] / ld["seconds"] if ld.get("seconds") else None
        mbs = ld["bytes"] / ld["seconds"] / 1e6 if ld.get("seconds") and ld.get("bytes") else None
        w(f"| {ld['target']} | {ld['format']} | {ld['path']} | {ld['rows']:,} | {ld['seconds']:.2f} | {fmt_rate(rate)} | "
          f"{'–' if mbs is None else f'{mbs:.1f}'} | {ld.get('retries', 0)} |")
    if any(ld.get("retries") for ld in facts.get("load", [])):
        w("")
        w("A request answered 5xx is sent again with the same bytes (the server deduplicates it); each retry usually "
          "waited for a 30 s timeout first, which is part of that load's time. The reasons are in the load logs.")
    expected = one("rows_expected", None)
    bad = [ld for ld in facts.get("load", []) if expected is not None and ld["rows"] != expected]
    if bad:
        w("")
        w(f"**Row count mismatch** (expected {expected:,}): " + ", ".join(f"{b['target']} {b['format']} {b['rows']:,}"
                                                                         for b in bad))
    w("")
    w("## Queries (ms; min / median of the warm runs)")
    w("")
    single = labels[0] if labels else None
    nodes = labels[1:]
    head = "| Q | name | " + " | ".join(labels) + " | cluster/single (median) | nodes agree | vs single |"
    w(head)
    w("|" + "---|" * 2 + "---:|" * len(labels) + "---:|---|---|")
    ratios = []
    disagreements = []
    for q in sorted(queries):
        row = queries[q]
        name = next((d.get("name", "") for d in row.values()), "")
        cells = []
        med = {}
        for t in labels:
            d = row.get(t)
            if d is None:
                cells.append("–")
            elif "error" in d:
                cells.append("error")
                disagreements.append(f"Q{q:02d} {t}: {d['error']}")
            else:
                runs = d["runs_ms"]
                med[t] = statistics.median(runs)
                cells.append(f"{fmt_ms(min(runs))} / {fmt_ms(med[t])}")
        node_meds = [med[t] for t in nodes if t in med]
        ratio = None
        if single in med and node_meds and med[single] > 0:
            ratio = statistics.median(node_meds) / med[single]
            ratios.append(ratio)
        digs = [digest(results[q].get(t)) for t in nodes]
        present = [x for x in digs if x is not None]
        if not present:
            agree = "–"
        elif len(set(present)) == 1 and len(present) == len(nodes):
            agree = f"= ({present[0]})"
        else:
            verdicts = {compare(results[q].get(nodes[0]), results[q].get(t)) for t in nodes[1:]}
            agree = "digests differ: " + ", ".join(sorted(verdicts))
            if any(v.startswith("≠") or v == "?" for v in verdicts):
                disagreements.append(f"Q{q:02d}: nodes answer differently ({', '.join(map(str, digs))})")
        vs = sorted({compare(results[q].get(single), results[q].get(t)) for t in nodes}) if single else []
        if any(v.startswith("≠") or v == "?" for v in vs):
            disagreements.append(f"Q{q:02d}: cluster vs single {', '.join(vs)}")
        w(f"| {q} | {name} | " + " | ".join(cells) + f" | {'–' if ratio is None else f'{ratio:.2f}x'} | {agree} | "
          f"{', '.join(vs)} |")
    if ratios:
        geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        w("")
        w(f"Geometric mean of cluster/single (median of the nodes' medians over the single node's median), "
          f"{len(ratios)} queries: **{geo:.2f}x** (below 1: the cluster is faster).")
    w("")
    w("'nodes agree': the digest of every cluster node's first answer (identical bytes give one digest); when they "
      "differ, the verdict of each node against node 1. 'vs single': each node's answer against the single node's: "
      "'=' same values (floats within 1e-6), '≈' numbers within 10 % (uniq/quantile are approximate and depend on "
      "how partial states were merged), '≈ (order)' same rows in another order (ties), '≠' different.")
    if disagreements:
        w("")
        w("## Problems")
        w("")
        for d in disagreements:
            w(f"- {d}")
    w("")
    w(f"Raw figures: `{raw}` (per-target `*-queries.jsonl`, answers in `results/`, load logs, node logs).")
    print("\n".join(out))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=["create", "count", "part", "report"])
    ap.add_argument("raw", nargs="?")
    ap.add_argument("--url", default="http://127.0.0.1:7181")
    ap.add_argument("--token", default=os.environ.get("PROJECT_TOKEN", ""))
    ap.add_argument("--name")
    ap.add_argument("--table", default="")
    ap.add_argument("--schema-file")
    ap.add_argument("--jsonpaths", action="store_true")
    ap.add_argument("--sorting-key", default="")
    ap.add_argument("--partition-key", default="")
    ap.add_argument("--settings", default="")
    ap.add_argument("--file")
    ap.add_argument("--part", type=int, default=0)
    ap.add_argument("--parts", type=int, default=1)
    ap.add_argument("--format", choices=["csv", "ndjson"], default="csv")
    ap.add_argument("--chunk-mib", type=float, default=8)
    ap.add_argument("--retries", type=int, default=3, help="tries again per request")
    ap.add_argument("--retry-budget", type=int, default=10, help="tries again per load, in all")
    a = ap.parse_args()
    if a.cmd == "create":
        return create(a)
    if a.cmd == "count":
        return count(a)
    if a.cmd == "part":
        return part(a)
    return report(a.raw)


if __name__ == "__main__":
    sys.exit(main())
