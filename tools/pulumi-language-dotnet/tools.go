//go:build tools

// Package tools pins Pulumi's .NET language host as a dependency of this module so that
// `go build github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3` builds it at that version.
package tools

import _ "github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3"
