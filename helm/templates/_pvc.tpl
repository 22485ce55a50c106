{{/* A PersistentVolumeClaim the chart owns: pass (list $ "<name>" "<component>" $claimValues). */}}
{{- define "harbor.pvc" -}}
{{- $root := index . 0 -}}{{- $claim := index . 3 -}}
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{ index . 1 }}
  labels:
    {{- include "harbor.componentLabels" (list $root (index . 2)) | nindent 4 }}
  annotations:
    {{- if eq $root.Values.persistence.resourcePolicy "keep" }}
    helm.sh/resource-policy: keep
    {{- end }}
    {{- with $claim.annotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  accessModes:
  - {{ $claim.accessMode }}
  resources:
    requests:
      storage: {{ $claim.size }}
  {{- with $claim.storageClass }}
  {{- if eq . "-" }}
  storageClassName: ""
  {{- else }}
  storageClassName: {{ . }}
  {{- end }}
  {{- end }}
{{- end -}}
