package main
import (
	openai "github.com/openai/openai-go"
	"os"
)
var k = os.Getenv("OPENAI_API_KEY")
var r = `raw
string`
