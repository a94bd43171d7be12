module example.com/agent
go 1.22
require (
	github.com/openai/openai-go v0.1.0 // indirect
	github.com/NVIDIA/go-nvml v0.12.0
)
require golang.org/x/net v0.20.0
