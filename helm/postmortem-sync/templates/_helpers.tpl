{{/*
Names and labels.
*/}}
{{- define "postmortem-sync.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "postmortem-sync.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "postmortem-sync.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "postmortem-sync.selectorLabels" -}}
app.kubernetes.io/name: {{ include "postmortem-sync.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "postmortem-sync.labels" -}}
helm.sh/chart: {{ include "postmortem-sync.chart" . }}
{{ include "postmortem-sync.selectorLabels" . }}
app.kubernetes.io/version: {{ include "postmortem-sync.imageTag" . | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: postmortem-sync
{{- end }}

{{- define "postmortem-sync.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "postmortem-sync.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "postmortem-sync.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{- define "postmortem-sync.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (include "postmortem-sync.imageTag" .) }}
{{- end }}
{{- end }}

{{/*
Where things are inside the container. The daemon's --config, the …File keys the chart writes
into the config and the volume mounts all come from here.
*/}}
{{- define "postmortem-sync.configDir" -}}/etc/postmortem-sync{{- end }}
{{- define "postmortem-sync.configFile" -}}{{ include "postmortem-sync.configDir" . }}/config.yaml{{- end }}
{{- define "postmortem-sync.dataDir" -}}/var/lib/postmortem-sync{{- end }}
{{- define "postmortem-sync.gitWorkdir" -}}{{ include "postmortem-sync.dataDir" . }}/git{{- end }}

{{/* The metrics port: the daemon's server.port (a literal number here, not ${VAR}). */}}
{{- define "postmortem-sync.metricsPort" -}}
{{- $server := .Values.config.server | default dict }}
{{- $server.port | default 9464 | int }}
{{- end }}

{{- define "postmortem-sync.secretName" -}}
{{- .Values.existingSecret | default (include "postmortem-sync.fullname" .) }}
{{- end }}

{{/*
Every secret the chart knows: its value under `secrets`, its key in the Secret (and file name
under the secrets folder), and the config key that names the file. inlineKey is the key that
would give the same secret inline (there is none for the ssh files).
*/}}
{{- define "postmortem-sync.secretCatalog" -}}
- value: jiraApiToken
  key: jira-api-token
  section: [tracker, auth]
  fileKey: apiTokenFile
  inlineKey: apiToken
- value: jiraToken
  key: jira-token
  section: [tracker, auth]
  fileKey: tokenFile
  inlineKey: token
- value: gitPassword
  key: git-password
  section: [source, git]
  fileKey: passwordFile
  inlineKey: password
- value: gitSshKey
  key: git-ssh-key
  section: [source, git]
  fileKey: sshKeyFile
  inlineKey: ""
- value: gitKnownHosts
  key: git-known-hosts
  section: [source, git]
  fileKey: knownHostsFile
  inlineKey: ""
{{- end }}

{{/*
How a git URL authenticates, by the rules of the config loader: ssh (user@host:path or ssh://),
https (https:// or http://), file, or "" when unknown.
*/}}
{{- define "postmortem-sync.gitTransport" -}}
{{- $url := toString . }}
{{- if regexMatch "^[A-Za-z0-9._~-]+@[A-Za-z0-9.-]+:([^/]|/[^/])" $url }}ssh
{{- else if hasPrefix "ssh://" (lower $url) }}ssh
{{- else if or (hasPrefix "https://" (lower $url)) (hasPrefix "http://" (lower $url)) }}https
{{- else if hasPrefix "file:" (lower $url) }}file
{{- end }}
{{- end }}

{{/*
The secrets the pod mounts, as a YAML list of secretCatalog entries.
- From `secrets`: each value that is set. The config must use it (a tracker section for the Jira
  tokens, a git source for the git ones) and must not give the same secret itself.
- From `existingSecret`: the credentials the config loader will demand, given the rest of the
  config: jira-api-token or jira-token for a Jira tracker (the Cloud token when
  tracker.deployment is cloud or tracker.auth.email is given, as the loader pairs them),
  git-password for an https URL with a username, the key and known_hosts for an ssh URL. A
  credential the config gives itself (inline or as a …File) is not mounted.
*/}}
{{- define "postmortem-sync.mountedSecrets" -}}
{{- $config := .Values.config | default dict }}
{{- $tracker := $config.tracker | default dict }}
{{- $auth := $tracker.auth | default dict }}
{{- $source := $config.source | default dict }}
{{- $git := $source.git | default dict }}
{{- $jira := and (hasKey $config "tracker") (eq (lower (toString ($tracker.type | default "jira"))) "jira") }}
{{- $gitSource := eq (lower (toString ($source.type | default "directory"))) "git" }}
{{- $catalog := include "postmortem-sync.secretCatalog" . | fromYamlArray }}
{{- $given := list }}
{{- range $entry := $catalog }}
{{- if get $.Values.secrets $entry.value }}
{{- $given = append $given $entry }}
{{- end }}
{{- end }}
{{- $mounted := list }}
{{- if .Values.existingSecret }}
{{- if $given }}
{{- fail (printf "existingSecret (%s) and secrets.%s are both set: put every secret into the existing Secret, or use secrets.* alone" .Values.existingSecret (index $given 0).value) }}
{{- end }}
{{- $wanted := list }}
{{- if and $jira (not (or $auth.apiToken $auth.apiTokenFile $auth.token $auth.tokenFile)) }}
{{- $deployment := lower (toString ($tracker.deployment | default "auto")) }}
{{- if or (eq $deployment "cloud") (and (ne $deployment "datacenter") (or $auth.email $auth.emailFile)) }}
{{- $wanted = append $wanted "jiraApiToken" }}
{{- else }}
{{- $wanted = append $wanted "jiraToken" }}
{{- end }}
{{- end }}
{{- if $gitSource }}
{{- $transport := include "postmortem-sync.gitTransport" ($git.url | default "") }}
{{- if eq $transport "ssh" }}
{{- if not $git.sshKeyFile }}{{ $wanted = append $wanted "gitSshKey" }}{{ end }}
{{- if not $git.knownHostsFile }}{{ $wanted = append $wanted "gitKnownHosts" }}{{ end }}
{{- else if and (eq $transport "https") (or $git.username $git.usernameFile) (not (or $git.password $git.passwordFile)) }}
{{- $wanted = append $wanted "gitPassword" }}
{{- end }}
{{- end }}
{{- range $entry := $catalog }}
{{- if has $entry.value $wanted }}
{{- $mounted = append $mounted $entry }}
{{- end }}
{{- end }}
{{- else }}
{{- range $entry := $given }}
{{- $section := index $entry.section 0 | get $config | default dict }}
{{- $keys := get $section (index $entry.section 1) | default dict }}
{{- $where := join "." $entry.section }}
{{- if and (eq (index $entry.section 0) "tracker") (not $jira) }}
{{- fail (printf "secrets.%s is set, but config has no Jira tracker (config.tracker with type jira) to use it" $entry.value) }}
{{- end }}
{{- if and (eq (index $entry.section 0) "source") (not $gitSource) }}
{{- fail (printf "secrets.%s is set, but config.source.type is not git: nothing would use it" $entry.value) }}
{{- end }}
{{- if get $keys $entry.fileKey }}
{{- fail (printf "secrets.%s is set, so the chart writes config.%s.%s itself: remove it from config" $entry.value $where $entry.fileKey) }}
{{- end }}
{{- if and $entry.inlineKey (get $keys $entry.inlineKey) }}
{{- fail (printf "secrets.%s is set, and config.%s.%s gives the same secret: remove config.%s.%s (the chart writes config.%s.%s)" $entry.value $where $entry.inlineKey $where $entry.inlineKey $where $entry.fileKey) }}
{{- end }}
{{- $mounted = append $mounted $entry }}
{{- end }}
{{- end }}
{{- toYaml $mounted }}
{{- end }}

{{/* Sets .value at the key path .path (a list) of the map .root, creating maps on the way. */}}
{{- define "postmortem-sync.setIn" -}}
{{- $node := .root }}
{{- range $key := initial .path }}
{{- if not (kindIs "map" (get $node $key)) }}
{{- $_ := set $node $key dict }}
{{- end }}
{{- $node = get $node $key }}
{{- end }}
{{- $_ := set $node (last .path) .value }}
{{- end }}

{{/*
The daemon's configuration as the pod reads it: values.config, plus the …File key of every
mounted secret (secrets/<key>, next to config.yaml) and, for a git source without one, the
workdir on the emptyDir.
*/}}
{{- define "postmortem-sync.config" -}}
{{- $config := deepCopy (.Values.config | default dict) }}
{{- range $entry := include "postmortem-sync.mountedSecrets" . | fromYamlArray }}
{{- $path := append $entry.section $entry.fileKey }}
{{- /* Relative to the config file's folder, as the loader resolves it: the projected volume
     holds config.yaml and secrets/ side by side wherever it is mounted. */}}
{{- $file := printf "secrets/%s" $entry.key }}
{{- include "postmortem-sync.setIn" (dict "root" $config "path" $path "value" $file) }}
{{- end }}
{{- if not $config.source }}
{{- /* No source yet: the empty data volume, so passes succeed (and the pod gets ready) on no
     documents, rather than failing on a folder that does not exist in the image. */}}
{{- $_ := set $config "source" (dict "type" "directory" "path" (include "postmortem-sync.dataDir" .)) }}
{{- end }}
{{- $source := $config.source | default dict }}
{{- if and (eq (lower (toString ($source.type | default "directory"))) "git") (not (dig "git" "workdir" "" $source)) }}
{{- include "postmortem-sync.setIn" (dict "root" $config "path" (list "source" "git" "workdir") "value" (include "postmortem-sync.gitWorkdir" .)) }}
{{- end }}
{{- if $config }}
{{- toYaml $config }}
{{- else }}
{{- /* An empty file is not a configuration; an empty mapping is (offline, all defaults). */ -}}
{}
{{- end }}
{{- end }}

{{/*
Checksums that roll the pod when what it mounts changes. The content of an existingSecret is
not visible to the chart: its name and the keys used are, and `kubectl rollout restart` does
the rest (see docs/kubernetes.md).
*/}}
{{- define "postmortem-sync.secretChecksum" -}}
{{- if .Values.existingSecret }}
{{- printf "%s:%s" .Values.existingSecret (include "postmortem-sync.secretKeys" .) | sha256sum }}
{{- else }}
{{- include "postmortem-sync.secretData" . | sha256sum }}
{{- end }}
{{- end }}

{{- define "postmortem-sync.secretKeys" -}}
{{- $keys := list }}
{{- range $entry := include "postmortem-sync.mountedSecrets" . | fromYamlArray }}
{{- $keys = append $keys $entry.key }}
{{- end }}
{{- join "," $keys }}
{{- end }}

{{/* The data of the Secret the chart creates (base64, as Secret.data wants). */}}
{{- define "postmortem-sync.secretData" -}}
{{- range $entry := include "postmortem-sync.mountedSecrets" . | fromYamlArray }}
{{ $entry.key }}: {{ get $.Values.secrets $entry.value | b64enc }}
{{- end }}
{{- end }}

{{/*
The pod spec, shared by the Deployment (args run) and the CronJob (args sync).
Call with (dict "root" $ "command" "run"|"sync").
*/}}
{{- define "postmortem-sync.podSpec" -}}
{{- $root := .root }}
{{- $daemon := eq .command "run" }}
{{- with $root -}}
serviceAccountName: {{ include "postmortem-sync.serviceAccountName" . }}
automountServiceAccountToken: false
enableServiceLinks: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.podSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
{{- if not $daemon }}
restartPolicy: Never
{{- end }}
containers:
  - name: postmortem-sync
    image: {{ include "postmortem-sync.image" . | quote }}
    imagePullPolicy: {{ .Values.image.pullPolicy }}
    args:
      - --config
      - {{ include "postmortem-sync.configFile" . }}
      - {{ $.command }}
    env:
      # Names the config for commands run with kubectl exec (doctor, plan).
      - name: POSTMORTEM_SYNC_CONFIG
        value: {{ include "postmortem-sync.configFile" . }}
      {{- with .Values.javaOptions }}
      - name: JDK_JAVA_OPTIONS
        value: {{ . | quote }}
      {{- end }}
    {{- if $daemon }}
    ports:
      - name: metrics
        containerPort: {{ include "postmortem-sync.metricsPort" . }}
        protocol: TCP
    startupProbe:
      httpGet:
        path: /healthz
        port: metrics
      {{- toYaml .Values.probes.startup | nindent 6 }}
    livenessProbe:
      httpGet:
        path: /healthz
        port: metrics
      {{- toYaml .Values.probes.liveness | nindent 6 }}
    readinessProbe:
      httpGet:
        path: /readyz
        port: metrics
      {{- toYaml .Values.probes.readiness | nindent 6 }}
    {{- end }}
    {{- with .Values.resources }}
    resources:
      {{- toYaml . | nindent 6 }}
    {{- end }}
    {{- with .Values.securityContext }}
    securityContext:
      {{- toYaml . | nindent 6 }}
    {{- end }}
    volumeMounts:
      - name: config
        mountPath: {{ include "postmortem-sync.configDir" . }}
        readOnly: true
      - name: data
        mountPath: {{ include "postmortem-sync.dataDir" . }}
      - name: tmp
        mountPath: /tmp
volumes:
  # The config file and the secret files in one folder: config.yaml and secrets/<key>.
  - name: config
    projected:
      defaultMode: 288 # 0440: readable by the owner (root) and the pod's fsGroup, nobody else
      sources:
        - configMap:
            name: {{ include "postmortem-sync.fullname" . }}
            items:
              - key: config.yaml
                path: config.yaml
        {{- $mounted := include "postmortem-sync.mountedSecrets" . | fromYamlArray }}
        {{- if $mounted }}
        - secret:
            name: {{ include "postmortem-sync.secretName" . }}
            items:
              {{- range $entry := $mounted }}
              - key: {{ $entry.key }}
                path: secrets/{{ $entry.key }}
              {{- end }}
        {{- end }}
  # The git clone (source.git.workdir) and /tmp: the only places the daemon writes.
  - name: data
    emptyDir: {{ include "postmortem-sync.emptyDir" .Values.workdir }}
  - name: tmp
    emptyDir: {{ include "postmortem-sync.emptyDir" .Values.tmp }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
{{- end }}

{{- define "postmortem-sync.emptyDir" -}}
{{- if .sizeLimit }}{sizeLimit: {{ .sizeLimit | quote }}}{{ else }}{}{{ end }}
{{- end }}

{{/* Pod metadata shared by the Deployment and the CronJob. */}}
{{- define "postmortem-sync.podMetadata" -}}
labels:
  {{- include "postmortem-sync.selectorLabels" . | nindent 2 }}
  {{- with .Values.podLabels }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
annotations:
  checksum/config: {{ include "postmortem-sync.config" . | sha256sum }}
  checksum/secret: {{ include "postmortem-sync.secretChecksum" . }}
  {{- with .Values.podAnnotations }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}

{{/*
The TCP ports of the Jira and git URLs in config, as a YAML list: the URL's own port, else 443
for https, 80 for http, 22 for ssh. None for an offline tracker or a directory source.
*/}}
{{- define "postmortem-sync.egressPorts" -}}
{{- $config := .Values.config | default dict }}
{{- $ports := list }}
{{- $tracker := $config.tracker | default dict }}
{{- if and (hasKey $config "tracker") (eq (lower (toString ($tracker.type | default "jira"))) "jira") $tracker.url }}
{{- $ports = append $ports (include "postmortem-sync.urlPort" (toString $tracker.url)) }}
{{- end }}
{{- $source := $config.source | default dict }}
{{- $git := $source.git | default dict }}
{{- if and (eq (lower (toString ($source.type | default "directory"))) "git") $git.url }}
{{- $transport := include "postmortem-sync.gitTransport" $git.url }}
{{- if and (eq $transport "ssh") (not (contains "://" $git.url)) }}
{{- $ports = append $ports "22" }}
{{- else if or (eq $transport "ssh") (eq $transport "https") }}
{{- $ports = append $ports (include "postmortem-sync.urlPort" (toString $git.url)) }}
{{- end }}
{{- end }}
{{- toYaml ($ports | compact | uniq | sortAlpha) }}
{{- end }}

{{- define "postmortem-sync.urlPort" -}}
{{- $url := urlParse . }}
{{- $explicit := regexFind ":[0-9]+$" $url.host | trimPrefix ":" }}
{{- if $explicit }}{{ $explicit }}
{{- else if eq (lower $url.scheme) "https" }}443
{{- else if eq (lower $url.scheme) "http" }}80
{{- else if eq (lower $url.scheme) "ssh" }}22
{{- end }}
{{- end }}
