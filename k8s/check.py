#!/usr/bin/env python3
"""Static checks of the Kubernetes manifests, run by `./credence test` (k8s/check.sh).

Renders every overlay with `kubectl kustomize` and asserts what an operator relies on: every
service has startup/liveness/readiness probes, resource requests, a restricted security context;
every configuration variable a service requires in its %prod profile is supplied; no Secret is
committed; prod has an HPA and a PDB per Deployment and a default-deny network policy; Kafka has no
plaintext listener; no Ingress publishes / or /q/*; prod scrapes every service (PodMonitor) and alerts on a consumer waiting for its
database; both realm imports match the realm file, rotate refresh tokens, and the prod one
holds no user, no demo client and no redirect off its https ingress hosts."""
import json, pathlib, re, subprocess, sys, yaml

root = pathlib.Path(__file__).resolve().parent
repo = root.parent
problems = []


def render(overlay):
    out = subprocess.run(["kubectl", "kustomize", str(root / "overlays" / overlay)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        problems.append(f"{overlay}: kustomize failed: {out.stderr.strip()}")
        return []
    return [d for d in yaml.safe_load_all(out.stdout) if d]


def consumed_topics(service):
    """The topics a service's incoming channels read, from its application.properties and the
    defaults of common's Topics mapping."""
    defaults = dict(re.findall(r'@WithDefault\("([^"]+)"\)\s+String (\w+)\(\)',
                               (repo / "common/src/main/java/dev/credence/common/events/Topics.java")
                               .read_text()))
    by_key = {re.sub(r"(?<!^)([A-Z])", r"-\1", m).lower(): t for t, m in defaults.items()}
    props = (repo / service / "src/main/resources/application.properties").read_text()
    topics = set()
    for key in re.findall(r"^mp\.messaging\.incoming\.[\w-]+\.topic=\$\{credence\.topics\.([\w-]+)\}",
                          props, re.M):
        topics.add(by_key[key])
    return topics


def required_env(service):
    """Env vars a service needs in prod: ${VAR} without a default in %prod or unprofiled lines."""
    props = (repo / service / "src/main/resources/application.properties").read_text()
    names = set()
    for line in props.splitlines():
        if line.startswith("#") or line.startswith("%dev") or line.startswith("%test"):
            continue
        for var in re.findall(r"\$\{([A-Z][A-Z0-9_]*)\}", line):
            names.add(var)
    return names


def check(overlay, docs, prod):
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    if by_kind.get("Secret"):
        problems.append(f"{overlay}: Secret objects are rendered; secrets must never be in the repo")
    configmaps = {c["metadata"]["name"]: c.get("data", {}) for c in by_kind.get("ConfigMap", [])}
    deployments = by_kind.get("Deployment", [])
    if configmaps.get("credence-config", {}).get("QUARKUS_SWAGGER_UI_ENABLE") != "false":
        problems.append(f"{overlay}: credence-config must set QUARKUS_SWAGGER_UI_ENABLE to \"false\"")
    if sorted(d["metadata"]["name"] for d in deployments) != [
            "consent-service", "ingestion-service", "scoring-service"]:
        problems.append(f"{overlay}: expected the three service Deployments")
    for dep in deployments:
        name = dep["metadata"]["name"]
        pod = dep["spec"]["template"]["spec"]
        c = pod["containers"][0]
        where = f"{overlay}/{name}"
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            if probe not in c:
                problems.append(f"{where}: no {probe}")
        if not c.get("resources", {}).get("requests"):
            problems.append(f"{where}: no resource requests")
        sc = c.get("securityContext", {})
        if not sc.get("readOnlyRootFilesystem") or sc.get("allowPrivilegeEscalation") is not False:
            problems.append(f"{where}: container security context is not restricted")
        if not pod.get("securityContext", {}).get("runAsNonRoot"):
            problems.append(f"{where}: pod may run as root")
        supplied = {e["name"] for e in c.get("env", [])}
        for ref in c.get("envFrom", []):
            cm = ref.get("configMapRef", {}).get("name")
            if cm not in configmaps:
                problems.append(f"{where}: envFrom names a missing ConfigMap {cm}")
            else:
                supplied |= set(configmaps[cm])
        for var in sorted(required_env(name) - supplied):
            problems.append(f"{where}: the prod profile needs ${{{var}}} but the Deployment does not set it")
        oidc = configmaps.get("credence-config", {}).get("OIDC_AUTH_SERVER_URL", "")
        env = {e["name"]: e.get("value") for e in c.get("env", [])}
        if oidc.startswith("https://keycloak-service") and not (
                env.get("QUARKUS_OIDC_TLS_TLS_CONFIGURATION_NAME") == "oidc"
                and env.get("QUARKUS_TLS_OIDC_TRUST_STORE_PEM_CERTS")):
            problems.append(f"{where}: OIDC goes to Keycloak's in-cluster host but the service does"
                            " not trust the CA that signed it")
        if name == "consent-service" and env.get("QUARKUS_OIDC_TLS_TLS_CONFIGURATION_NAME") and \
                env.get("QUARKUS_OIDC_PORTAL_TLS_TLS_CONFIGURATION_NAME") != "oidc":
            problems.append(f"{where}: the portal's OIDC tenant does not trust Keycloak's CA")
        mounts = {m["name"] for m in c.get("volumeMounts", [])}
        volumes = {v["name"] for v in pod.get("volumes", [])}
        if mounts - volumes:
            problems.append(f"{where}: mounts without volumes: {sorted(mounts - volumes)}")
    for user in by_kind.get("KafkaUser", []):
        name = user["metadata"]["name"]
        acls = user["spec"]["authorization"]["acls"]
        reads = {a["resource"]["name"] for a in acls if a["resource"]["type"] == "topic"
                 and "Read" in a["operations"] and a["resource"].get("patternType") == "literal"}
        if any(a["resource"]["type"] == "topic" and "Read" in a["operations"]
               and a["resource"].get("patternType") != "literal" for a in acls):
            problems.append(f"{overlay}: KafkaUser {name} reads topics by prefix, not only those it consumes")
        for topic in sorted(consumed_topics(name) - reads):
            problems.append(f"{overlay}: KafkaUser {name} may not read {topic}, which it consumes")
    for kafka in by_kind.get("Kafka", []):
        for listener in kafka["spec"]["kafka"]["listeners"]:
            if not listener.get("tls") or not listener.get("authentication"):
                problems.append(f"{overlay}: Kafka listener {listener['name']} is not TLS with client auth")
    topics = {t["spec"]["topicName"]: t for t in by_kind.get("KafkaTopic", [])}
    if topics.get("credence.consent-state.v1", {}).get("spec", {}).get("config", {}).get(
            "cleanup.policy") != "compact":
        problems.append(f"{overlay}: credence.consent-state.v1 must be log-compacted")
    if prod:
        for kind in ("HorizontalPodAutoscaler", "PodDisruptionBudget"):
            have = {d["metadata"]["name"] for d in by_kind.get(kind, [])}
            for dep in deployments:
                if dep["metadata"]["name"] not in have:
                    problems.append(f"{overlay}: no {kind} for {dep['metadata']['name']}")
        alerts = {r["alert"] for rule in by_kind.get("PrometheusRule", [])
                  for g in rule["spec"]["groups"] for r in g["rules"]}
        if "CredenceConsumerWaitingForDatabase" not in alerts:
            problems.append(f"{overlay}: no alert on a consumer waiting for its database")
        monitored = [m for m in by_kind.get("PodMonitor", [])
                     if m["spec"]["selector"]["matchLabels"].get("app.kubernetes.io/part-of") == "credence"]
        for dep in deployments:
            labels = dep["spec"]["template"]["metadata"]["labels"]
            ports = {p.get("name") for p in dep["spec"]["template"]["spec"]["containers"][0]["ports"]}
            if not monitored or labels.get("app.kubernetes.io/part-of") != "credence" or "http" not in ports:
                problems.append(f"{overlay}: {dep['metadata']['name']} is not scraped by a PodMonitor")
        if not any(p["spec"]["podSelector"] == {} for p in by_kind.get("NetworkPolicy", [])):
            problems.append(f"{overlay}: no default-deny NetworkPolicy")
    policies = by_kind.get("NetworkPolicy", [])
    if any(p["spec"]["podSelector"] == {} for p in policies):
        # a default-deny covers the platform pods too: each needs a policy of its own that lets
        # it talk (the databases, Keycloak, the brokers), or nothing works
        def selects(policy, labels):
            sel = policy["spec"]["podSelector"]
            if not sel:
                return False
            if any(labels.get(k) != v for k, v in sel.get("matchLabels", {}).items()):
                return False
            for e in sel.get("matchExpressions", []):
                if e["operator"] == "Exists" and e["key"] not in labels:
                    return False
            return True
        platform = {"PostgreSQL instances of " + c["metadata"]["name"]:
                    {"cnpg.io/cluster": c["metadata"]["name"]} for c in by_kind.get("Cluster", [])}
        platform.update({"Keycloak": {"app": "keycloak"}} if by_kind.get("Keycloak") else {})
        platform.update({"Kafka " + k["metadata"]["name"]: {"strimzi.io/cluster": k["metadata"]["name"]}
                         for k in by_kind.get("Kafka", [])})
        for what, labels in platform.items():
            for direction in ("ingress", "egress"):
                if not any(selects(p, labels) and p["spec"].get(direction) for p in policies):
                    problems.append(f"{overlay}: default-deny, and no NetworkPolicy allows {direction}"
                                    f" for the {what}")
        for ing in by_kind.get("Ingress", []):
            if not ing["spec"].get("tls"):
                problems.append(f"{overlay}: Ingress {ing['metadata']['name']} without TLS")
            # only the application paths are public: a Prefix "/" (or "/q") also publishes Quarkus'
            # /q/metrics, /q/openapi and /q/swagger-ui, which answer without a token
            for rule in ing["spec"].get("rules", []):
                for p in rule.get("http", {}).get("paths", []):
                    path = p.get("path", "/")
                    if path.rstrip("/") in ("", "/q") or path.startswith("/q/"):
                        problems.append(f"{overlay}: Ingress {ing['metadata']['name']} publishes"
                                        f" {rule.get('host')}{path}, including /q/* (metrics, OpenAPI)")


realms = subprocess.run([sys.executable, str(root / "render-realm-import.py"), "--print", "dev"],
                        capture_output=True, text=True).stdout, \
         subprocess.run([sys.executable, str(root / "render-realm-import.py"), "--print", "prod"],
                        capture_output=True, text=True).stdout
for overlay, text in zip(("dev", "prod"), realms):
    if not text or text != (root / "overlays" / overlay / "realm-import.yaml").read_text():
        problems.append(f"overlays/{overlay}/realm-import.yaml is stale: run k8s/render-realm-import.py")


def check_realm(overlay, realm, prod):
    """What the realm must promise; in prod, also that nothing of the demo is in it."""
    if not realm.get("revokeRefreshToken") or realm.get("refreshTokenMaxReuse", 0) != 0:
        problems.append(f"{overlay}: the realm does not rotate refresh tokens (revokeRefreshToken)")
    for c in realm.get("clients", []):
        if c.get("publicClient") and c.get("standardFlowEnabled", True) and \
                c.get("attributes", {}).get("pkce.code.challenge.method") != "S256":
            problems.append(f"{overlay}: public client {c['clientId']} takes codes without PKCE S256")
        if c.get("implicitFlowEnabled"):
            problems.append(f"{overlay}: client {c['clientId']} allows the implicit flow")
    if not prod:
        return
    if realm.get("sslRequired") != "all":
        problems.append(f"{overlay}: the realm must require TLS for every request (sslRequired: all)")
    if realm.get("users"):
        problems.append(f"{overlay}: the realm import holds users")
    ingress_hosts = set()
    for doc in yaml.safe_load_all((root / "overlays" / overlay / "ingress.yaml").read_text()):
        ingress_hosts.update(r["host"] for r in (doc or {}).get("spec", {}).get("rules", []))
    for c in realm.get("clients", []):
        if c.get("secret") or not c.get("publicClient") or c.get("directAccessGrantsEnabled"):
            problems.append(f"{overlay}: client {c['clientId']} is a demo or password client")
        uris = list(c.get("redirectUris", [])) + \
            c.get("attributes", {}).get("post.logout.redirect.uris", "").split("##")
        for uri in filter(None, uris):
            host = uri.split("://", 1)[-1].split("/", 1)[0]
            if not uri.startswith("https://") or host not in ingress_hosts:
                problems.append(f"{overlay}: client {c['clientId']} redirects to {uri}, not https on"
                                f" an ingress host")
    if "demo" in json.dumps(realm).lower():
        problems.append(f"{overlay}: the realm import mentions a demo value")


for overlay, prod in (("dev", False), ("prod", True)):
    docs = render(overlay)
    check(overlay, docs, prod)
    imports = [d for d in docs if d["kind"] == "KeycloakRealmImport"]
    if len(imports) != 1:
        problems.append(f"{overlay}: {len(imports)} KeycloakRealmImport objects rendered, not one")
    for d in imports:
        check_realm(overlay, d["spec"]["realm"], prod)
    print(f"k8s: overlay {overlay}: {len(docs)} objects rendered and checked")
if problems:
    print("k8s: FAILED\n  " + "\n  ".join(problems))
    sys.exit(1)
print("k8s: all checks passed")
