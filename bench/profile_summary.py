#!/usr/bin/env python3
"""Summarises JFR execution samples of the function by layer and by frame (bench/profile.sh)."""
import collections
import json
import re
import sys

LAYERS = [  # first match wins: class-name prefix -> layer
    ("io.cloudimages.ims.domain.json.", "JSON (strict parser)"),
    ("io.cloudimages.ims.domain.", "domain"),
    ("io.cloudimages.ims.auth.", "auth"),
    ("io.cloudimages.ims.persistence.", "persistence (own)"),
    ("io.cloudimages.ims.application.", "application"),
    ("io.cloudimages.ims.api.", "entry points (own)"),
    ("io.cloudimages.ims.", "other (own)"),
    ("io.smallrye.jwt.", "auth"), ("org.jose4j.", "auth"), ("com.github.benmanes.caffeine.", "auth"),
    ("com.fasterxml.jackson.", "JSON (Jackson)"),
    ("org.hibernate.", "Hibernate"), ("io.quarkus.hibernate.", "Hibernate"), ("jakarta.persistence.", "Hibernate"),
    ("com.arjuna.", "JTA (Narayana)"), ("io.quarkus.narayana.", "JTA (Narayana)"), ("io.agroal.narayana.", "JTA (Narayana)"),
    ("org.postgresql.", "JDBC (PgJDBC)"), ("io.agroal.", "JDBC pool (Agroal)"),
    ("io.smallrye.faulttolerance.", "fault tolerance"), ("io.micrometer.", "metrics"),
    ("org.jboss.logmanager.", "logging"), ("org.jboss.logging.", "logging"),
    ("io.vertx.", "Vert.x / HTTP"), ("io.netty.", "Vert.x / HTTP"), ("io.quarkus.vertx.", "Vert.x / HTTP"),
    ("io.quarkus.arc.", "CDI (ArC)"), ("io.quarkus.", "Quarkus (other)"), ("io.smallrye.", "SmallRye (other)"),
    ("java.", "JDK"), ("jdk.", "JDK"), ("sun.", "JDK"), ("javax.", "JDK"),
]


def layer(cls):
    for prefix, name in LAYERS:
        if cls.startswith(prefix):
            return name
    return "other"


def main(samples_path, wrk_path, java, options):
    events = json.load(open(samples_path))["recording"]["events"]
    total = len(events)
    self_frames, self_layers, incl_layers, attributed, incl_frames = (collections.Counter() for _ in range(5))
    for event in events:
        frames = event["values"]["stackTrace"]["frames"] if event["values"].get("stackTrace") else []
        if not frames:
            continue
        names = [(f["method"]["type"]["name"].replace("/", "."), f["method"]["name"]) for f in frames]
        top_cls, top_m = names[0]
        self_frames[f"{top_cls}.{top_m}"] += 1
        self_layers[layer(top_cls)] += 1
        # A JDK frame on top is charged to the first caller outside the JDK (who asked for it).
        owner = next((layer(c) for c, _ in names if layer(c) != "JDK"), "JDK")
        attributed[owner] += 1
        for seen in {layer(c) for c, _ in names}:
            incl_layers[seen] += 1
        for seen in {f"{c}.{m}" for c, m in names if layer(c) != "JDK"}:
            incl_frames[seen] += 1
    wrk = open(wrk_path).read()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", wrk)
    print("# Where the CPU of a PATCH goes")
    print()
    print(f"`bench/profile.sh`: {java}, `{options}`; JFR execution samples (settings=profile) during "
          f"{rps.group(1) if rps else '?'} PATCH/s at 4 connections over 1 000 images (a warm function; one run on a "
          "shared 2-core machine, so the shares matter, not the absolute numbers). Samples: " + str(total) + ".")
    print()
    print("| layer | self | self, JDK frames charged to their caller | anywhere in the stack |")
    print("| --- | --- | --- | --- |")
    for name, _ in attributed.most_common():
        print(f"| {name} | {100 * self_layers[name] / total:.1f} % | {100 * attributed[name] / total:.1f} % "
              f"| {100 * incl_layers[name] / total:.1f} % |")
    print()
    print("Top frames by self time:")
    print()
    print("| frame | self |")
    print("| --- | --- |")
    for frame, count in self_frames.most_common(25):
        print(f"| `{frame}` | {100 * count / total:.1f} % |")
    print()
    print("Top frames by total time (in the stack; JDK frames left out, threads' run loops included):")
    print()
    print("| frame | total |")
    print("| --- | --- |")
    for frame, count in incl_frames.most_common(60):
        print(f"| `{frame}` | {100 * count / total:.1f} % |")


if __name__ == "__main__":
    main(*sys.argv[1:5])
