{{/*
harbor.yml for every service (libs/config's schema). In the cluster each internal section
listens on 0.0.0.0 and names the Service the others reach it by (`host:`); so do the bundled
PostgreSQL and Redis (database.host, redis.host), which run as StatefulSets of the release.
Passwords are not here: they arrive as HARBOR__* variables from Secrets. Nor is `https`:
the proxy alone gets it (HARBOR__HTTPS__*), since every service checks its files at start.
*/}}
{{- define "harbor.config" -}}
{{- $v := .Values -}}
hostname: {{ (urlParse $v.externalURL).hostname | quote }}
external_url: {{ $v.externalURL | quote }}
http:
  port: 8080
data_volume: /data
storage_service:
  filesystem:
    rootdirectory: {{ $v.persistence.imageChartStorage.filesystem.rootdirectory | quote }}
  redirect:
    disable: {{ $v.persistence.imageChartStorage.disableredirect }}
log:
  level: {{ $v.logLevel }}
  local:
    location: /var/log/harbor
{{- with $v.logCollector.externalEndpoint }}
{{- if .host }}
  external_endpoint:
    protocol: {{ .protocol }}
    host: {{ .host | quote }}
    port: {{ .port }}
{{- end }}
{{- end }}
upload_purging:
  enabled: {{ $v.registry.upload_purging.enabled }}
  age: {{ $v.registry.upload_purging.age | quote }}
  interval: {{ $v.registry.upload_purging.interval | quote }}
  dryrun: {{ $v.registry.upload_purging.dryrun }}
metric:
  enabled: {{ $v.metrics.enabled }}
  port: {{ $v.metrics.port }}
  path: {{ $v.metrics.path | quote }}
database:
{{- if eq $v.database.type "internal" }}
  # The release's StatefulSet (user postgres, database registry, as Harbor's bundled one).
  host: {{ include "harbor.database" . }}
{{- end }}
  max_idle_conns: {{ $v.database.maxIdleConns }}
  max_open_conns: {{ $v.database.maxOpenConns }}
{{- if eq $v.database.type "external" }}
external_database:
  harbor:
    host: {{ $v.database.external.host | quote }}
    port: {{ $v.database.external.port }}
    db_name: {{ $v.database.external.coreDatabase | quote }}
    username: {{ $v.database.external.username | quote }}
    ssl_mode: {{ $v.database.external.sslmode }}
{{- end }}
{{- $redis := $v.redis.external }}
{{- if eq $v.redis.type "internal" }}
redis:
  host: {{ include "harbor.redis" . }}:6379
{{- else }}
external_redis:
  host: {{ $redis.addr | quote }}
  {{- with $redis.username }}
  username: {{ . | quote }}
  {{- end }}
{{- end }}
  harbor_db_index: {{ $redis.coreDatabaseIndex }}
  jobservice_db_index: {{ $redis.jobserviceDatabaseIndex }}
  registry_db_index: {{ $redis.registryDatabaseIndex }}
core:
  bind: 0.0.0.0
  host: {{ include "harbor.core" . }}
  port: 8180
  token_expiration: {{ $v.core.tokenExpiration }}
registry:
  bind: 0.0.0.0
  host: {{ include "harbor.registry" . }}
  port: 5000
  # Verifies tokens with <data_volume>/secret/registry/root.crt, the token Secret's certificate.
  token:
    service: harbor-registry
    issuer: harbor-token-issuer
registryctl:
  bind: 0.0.0.0
  host: {{ include "harbor.registryctl" . }}
  port: 8380
jobservice:
  bind: 0.0.0.0
  host: {{ include "harbor.jobservice" . }}
  port: 8280
  max_job_workers: {{ $v.jobservice.maxJobWorkers }}
  job_loggers:
  {{- toYaml $v.jobservice.jobLoggers | nindent 2 }}
  logger_sweeper_duration: {{ $v.jobservice.loggerSweeperDuration }}
# The proxy sends every path but /api/, /c/, /v2/ and /service/ here.
portal:
  bind: 0.0.0.0
  host: {{ include "harbor.portal" . }}
  port: 8580
{{- if $v.logCollector.enabled }}
log_collector:
  bind: 0.0.0.0
  host: {{ include "harbor.logCollector" . }}
  port: 1514
  health_port: 8480
{{- end }}
{{- end -}}

{{/* Settings the chart cannot honour stop the install with a reason. */}}
{{- define "harbor.validate" -}}
{{- $v := .Values -}}
{{- $_ := required "externalURL is required (the address clients use, e.g. https://harbor.example.com)" $v.externalURL -}}
{{- if not (has $v.expose.type (list "ingress" "clusterIP" "nodePort" "loadBalancer")) -}}
{{- fail (printf "expose.type must be ingress, clusterIP, nodePort or loadBalancer, not %q" $v.expose.type) -}}
{{- end -}}
{{- if and $v.expose.tls.enabled (eq $v.expose.tls.certSource "secret") (not $v.expose.tls.secret.secretName) -}}
{{- fail "expose.tls.certSource=secret needs expose.tls.secret.secretName" -}}
{{- end -}}
{{- if and $v.expose.tls.enabled (eq $v.expose.tls.certSource "none") (ne $v.expose.type "ingress") -}}
{{- fail "expose.tls.certSource=none only suits ingress; other expose types terminate TLS in the proxy" -}}
{{- end -}}
{{- if ne $v.persistence.imageChartStorage.type "filesystem" -}}
{{- fail (printf "persistence.imageChartStorage.type %q: the registry supports only filesystem so far (use a ReadWriteMany claim to share it)" $v.persistence.imageChartStorage.type) -}}
{{- end -}}
{{- if not (has $v.database.type (list "internal" "external")) -}}{{- fail "database.type must be internal or external" -}}{{- end -}}
{{- if not (has $v.redis.type (list "internal" "external")) -}}{{- fail "redis.type must be internal or external" -}}{{- end -}}
{{- $registryClaim := $v.persistence.persistentVolumeClaim.registry -}}
{{- if and (gt (int $v.registry.replicas) 1) $v.persistence.enabled (eq $registryClaim.accessMode "ReadWriteOnce") -}}
{{- fail "registry.replicas > 1 needs storage every replica can mount: set persistence.persistentVolumeClaim.registry.accessMode to ReadWriteMany (or an existingClaim that is)" -}}
{{- end -}}
{{- if and (gt (int $v.registry.replicas) 1) (not $v.persistence.enabled) -}}
{{- fail "registry.replicas > 1 needs shared storage; with persistence.enabled=false each replica would have its own emptyDir" -}}
{{- end -}}
{{- $jobLog := $v.persistence.persistentVolumeClaim.jobservice.jobLog -}}
{{- if and (gt (int $v.jobservice.replicas) 1) $v.persistence.enabled (has "FILE" $v.jobservice.jobLoggers) (eq $jobLog.accessMode "ReadWriteOnce") -}}
{{- fail "jobservice.replicas > 1 with the FILE job logger needs persistence.persistentVolumeClaim.jobservice.jobLog.accessMode ReadWriteMany (or drop FILE from jobservice.jobLoggers)" -}}
{{- end -}}
{{- end -}}
