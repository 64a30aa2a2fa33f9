//go:build tools

// Package tools pins Pulumi's YAML language host as a dependency of this module so that
// `go build github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml` builds it at that version.
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
