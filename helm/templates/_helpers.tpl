{{/* Names, labels and images shared by every template. */}}

{{- define "harbor.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* <fullname>-<suffix>: pass (list $ "core"). */}}
{{- define "harbor.name" -}}
{{- printf "%s-%s" (include "harbor.fullname" (index . 0)) (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "harbor.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Selector of one component's pods: pass (list $ "core"). */}}
{{- define "harbor.selectorLabels" -}}
app.kubernetes.io/name: {{ (index . 0).Chart.Name }}
app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{/* Labels of one component's objects: pass (list $ "core"). */}}
{{- define "harbor.componentLabels" -}}
{{ include "harbor.labels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{/* The service image: pass (list $ "core"). */}}
{{- define "harbor.image" -}}
{{- $root := index . 0 -}}
{{- printf "%s/harbor-ts-%s:%s" $root.Values.image.repository (index . 1) (default $root.Chart.AppVersion $root.Values.image.tag) -}}
{{- end -}}

{{/* Every service's command: the bundled service with the shared harbor.yml. */}}
{{- define "harbor.command" -}}
- node
- /app/main.js
- --config
- /etc/harbor/harbor.yml
{{- end -}}

{{/* Internal service names (also the `host:` each section of harbor.yml names). */}}
{{- define "harbor.core" -}}{{ include "harbor.name" (list . "core") }}{{- end -}}
{{- define "harbor.registry" -}}{{ include "harbor.name" (list . "registry") }}{{- end -}}
{{- define "harbor.registryctl" -}}{{ include "harbor.name" (list . "registryctl") }}{{- end -}}
{{- define "harbor.jobservice" -}}{{ include "harbor.name" (list . "jobservice") }}{{- end -}}
{{- define "harbor.portal" -}}{{ include "harbor.name" (list . "portal") }}{{- end -}}
{{- define "harbor.logCollector" -}}{{ include "harbor.name" (list . "log-collector") }}{{- end -}}
{{- define "harbor.database" -}}{{ include "harbor.name" (list . "database") }}{{- end -}}
{{- define "harbor.redis" -}}{{ include "harbor.name" (list . "redis") }}{{- end -}}

{{/* The proxy's Service: the exposed one, or an internal one behind the ingress. */}}
{{- define "harbor.proxyService" -}}
{{- $type := .Values.expose.type -}}
{{- if eq $type "clusterIP" -}}{{ .Values.expose.clusterIP.name }}
{{- else if eq $type "nodePort" -}}{{ .Values.expose.nodePort.name }}
{{- else if eq $type "loadBalancer" -}}{{ .Values.expose.loadBalancer.name }}
{{- else -}}{{ include "harbor.name" (list . "proxy") }}
{{- end -}}
{{- end -}}

{{/* "true" when the proxy itself terminates TLS (every expose type but ingress). */}}
{{- define "harbor.proxyTls" -}}
{{- if and .Values.expose.tls.enabled (ne .Values.expose.type "ingress") -}}true{{- end -}}
{{- end -}}

{{/* The Secret (tls.crt, tls.key) of the public certificate, when there is one. */}}
{{- define "harbor.tlsSecret" -}}
{{- if .Values.expose.tls.enabled -}}
{{- if eq .Values.expose.tls.certSource "secret" -}}{{ .Values.expose.tls.secret.secretName }}
{{- else if eq .Values.expose.tls.certSource "auto" -}}{{ include "harbor.name" (list . "tls") }}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The name the auto certificate is made for. */}}
{{- define "harbor.tlsCommonName" -}}
{{- if .Values.expose.tls.auto.commonName -}}{{ .Values.expose.tls.auto.commonName }}
{{- else if eq .Values.expose.type "ingress" -}}{{ .Values.expose.ingress.hosts.core }}
{{- else -}}{{ (urlParse .Values.externalURL).hostname }}
{{- end -}}
{{- end -}}

{{- define "harbor.tokenSecret" -}}
{{- default (include "harbor.name" (list . "token")) .Values.core.secretName -}}
{{- end -}}
{{- define "harbor.internalSecret" -}}{{ include "harbor.name" (list . "internal") }}{{- end -}}
{{- define "harbor.adminSecret" -}}
{{- default (include "harbor.name" (list . "admin")) .Values.existingSecretAdminPassword -}}
{{- end -}}

{{/* Where the database password lives: "<secret> <key>". */}}
{{- define "harbor.databasePasswordRef" -}}
{{- if eq .Values.database.type "internal" -}}{{ include "harbor.database" . }} POSTGRES_PASSWORD
{{- else if .Values.database.external.existingSecret -}}{{ .Values.database.external.existingSecret }} password
{{- else -}}{{ include "harbor.database" . }} password
{{- end -}}
{{- end -}}

{{/* Where the Redis password lives, empty when Redis has none. */}}
{{- define "harbor.redisPasswordRef" -}}
{{- if eq .Values.redis.type "external" -}}
{{- if .Values.redis.external.existingSecret -}}{{ .Values.redis.external.existingSecret }} REDIS_PASSWORD
{{- else if .Values.redis.external.password -}}{{ include "harbor.redis" . }} REDIS_PASSWORD
{{- end -}}
{{- end -}}
{{- end -}}

{{/* One environment variable from a Secret: pass (list "NAME" "<secret> <key>"). */}}
{{- define "harbor.secretEnv" -}}
{{- $ref := splitList " " (index . 1) -}}
- name: {{ index . 0 }}
  valueFrom:
    secretKeyRef:
      name: {{ index $ref 0 }}
      key: {{ index $ref 1 }}
{{- end -}}

{{/* Connection secrets of a service that uses PostgreSQL and Redis (core, jobservice). */}}
{{- define "harbor.storeEnv" -}}
{{- $variable := ternary "HARBOR__DATABASE__PASSWORD" "HARBOR__EXTERNAL_DATABASE__HARBOR__PASSWORD" (eq .Values.database.type "internal") -}}
{{ include "harbor.secretEnv" (list $variable (include "harbor.databasePasswordRef" .)) }}
{{- with include "harbor.redisPasswordRef" . }}
{{ include "harbor.secretEnv" (list "HARBOR__EXTERNAL_REDIS__PASSWORD" .) }}
{{- end }}
{{- end -}}

{{/* Volumes every service pod has: the shared harbor.yml and a scratch data_volume. */}}
{{- define "harbor.configVolume" -}}
- name: config
  configMap:
    name: {{ include "harbor.name" (list . "config") }}
{{- end -}}
{{- define "harbor.configMount" -}}
- name: config
  mountPath: /etc/harbor
  readOnly: true
{{- end -}}

{{/* The internal shared secret, at <data_volume>/secret/internal/secret. */}}
{{- define "harbor.internalSecretVolume" -}}
- name: internal-secret
  secret:
    secretName: {{ include "harbor.internalSecret" . }}
    items:
    - key: secret
      path: secret
{{- end -}}
{{- define "harbor.internalSecretMount" -}}
- name: internal-secret
  mountPath: /data/secret/internal
  readOnly: true
{{- end -}}

{{/* Pod annotations: a new harbor.yml rolls the pods. Pass (list $ .Values.core.podAnnotations). */}}
{{- define "harbor.podAnnotations" -}}
checksum/config: {{ include "harbor.config" (index . 0) | sha256sum }}
{{- with index . 1 }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* nodeSelector, tolerations, affinity of a component's values. */}}
{{- define "harbor.scheduling" -}}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* A PVC's volume source, an existing claim's, or an emptyDir without persistence. Pass (list $ "volume-name" $claimValues "<claim name>"). */}}
{{- define "harbor.claimVolume" -}}
{{- $root := index . 0 -}}{{- $claim := index . 2 -}}
- name: {{ index . 1 }}
  {{- if $root.Values.persistence.enabled }}
  persistentVolumeClaim:
    claimName: {{ default (index . 3) $claim.existingClaim }}
  {{- else }}
  emptyDir: {}
  {{- end }}
{{- end -}}

{{/* Recreate when a ReadWriteOnce claim cannot follow a pod to another node during a rollout. */}}
{{- define "harbor.strategy" -}}
{{- $root := index . 0 -}}{{- $claim := index . 1 -}}
{{- if and $root.Values.persistence.enabled (eq $claim.accessMode "ReadWriteOnce") -}}
type: Recreate
{{- else -}}
type: RollingUpdate
{{- end -}}
{{- end -}}
