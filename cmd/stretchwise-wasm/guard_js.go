//go:build js && wasm

package main

import "syscall/js"

// stringArg is the first argument as a string, or "" when it is not one.
func stringArg(args []js.Value) string {
	if len(args) == 0 || args[0].Type() != js.TypeString {
		return ""
	}
	return args[0].String()
}
