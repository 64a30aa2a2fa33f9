// pulumi-resource-nativefloor: the bench's native floor. A provider built with Pulumi's Go SDK whose one resource
// type, nativefloor:index:Resource, does nothing: it creates at once, never differs and deletes nothing. Its
// outputs carry `paddingBytes` characters of padding, so its state entry can be made as large as a model's.
package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

const (
	name         = "nativefloor"
	version      = "0.0.1"
	resourceType = "nativefloor:index:Resource"
)

const schema = `{
  "name": "nativefloor",
  "version": "0.0.1",
  "resources": {
    "nativefloor:index:Resource": {
      "inputProperties": {"paddingBytes": {"type": "integer"}},
      "properties": {"paddingBytes": {"type": "integer"}, "padding": {"type": "string"}},
      "required": ["paddingBytes", "padding"]
    }
  }
}`

type floorProvider struct {
	pulumirpc.UnimplementedResourceProviderServer
}

func (floorProvider) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (floorProvider) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	return &pulumirpc.GetSchemaResponse{Schema: schema}, nil
}

func (floorProvider) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (floorProvider) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

func (floorProvider) Configure(context.Context, *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true, AcceptResources: true}, nil
}

func (floorProvider) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (floorProvider) Diff(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

func (floorProvider) Create(_ context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	if req.GetType() != resourceType {
		return nil, fmt.Errorf("unknown resource type %s", req.GetType())
	}
	paddingBytes := req.GetProperties().GetFields()["paddingBytes"].GetNumberValue()
	outputs, err := structpb.NewStruct(map[string]any{
		"paddingBytes": paddingBytes,
		"padding":      strings.Repeat("x", int(paddingBytes)),
	})
	if err != nil {
		return nil, err
	}
	id := "floor-" + req.GetUrn()[strings.LastIndex(req.GetUrn(), "::")+2:]
	return &pulumirpc.CreateResponse{Id: id, Properties: outputs}, nil
}

func (floorProvider) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

func (floorProvider) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	return &pulumirpc.UpdateResponse{Properties: req.GetOlds()}, nil
}

func (floorProvider) Delete(context.Context, *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func (floorProvider) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func main() {
	err := provider.Main(name, func(*provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return floorProvider{}, nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
