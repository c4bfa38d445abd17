package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	swhttp "github.com/stretchwise/stretchwise/http"
)

// usersCommand is the operator's help for an account: a person who lost
// their password and their recovery code gets a new one-time recovery code
// from the operator (after the operator has checked who they are), and sets
// a new password with it on the sign-in page. The server sends no e-mail.
// It also deletes an account by id, for deletions a restored backup undid.
type usersCommand struct{ Env }

func newUsersCommand(env Env) Command { return &usersCommand{env} }

const usersUsage = "stretchwise users [--data DIR] [--db URL] recovery-code EMAIL | delete ID"

const usersHelp = "Usage: " + usersUsage + `

recovery-code makes a new one-time recovery code for the account with this email and
prints it; the account's earlier code stops working. Give it to the person only after
checking who they are. They set a new password with it under "Forgot your password?"
on the sign-in page.

delete removes the account with this id and everything stored about it, as the
person's own "Delete my account" does: after restoring a backup, delete again the
accounts the log's "account deleted" lines name since the backup was made.
`

func (c *usersCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("users", c.Stderr, usersHelp)
	openStore := existingStoreFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 || (fs.Arg(0) != "recovery-code" && fs.Arg(0) != "delete") {
		return usageError(usersUsage)
	}
	var id int64
	if fs.Arg(0) == "delete" {
		var err error
		if id, err = strconv.ParseInt(fs.Arg(1), 10, 64); err != nil || id <= 0 {
			return usageError("delete needs the account's id, a positive number, not %q", fs.Arg(1))
		}
	}
	store, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	if id != 0 {
		u, err := store.FindUserByID(ctx, id)
		if err != nil {
			return fmt.Errorf("no account with the id %d", id)
		}
		if err := store.DeleteUser(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(c.Stdout, "deleted account %d (%s %s) and everything stored about it\n", u.ID, u.Role, u.Email)
		return nil
	}
	email := strings.ToLower(strings.TrimSpace(fs.Arg(1)))
	u, _, err := store.FindUserByEmail(ctx, email)
	if err != nil {
		return fmt.Errorf("no account with the email %q", email)
	}
	code, hash := swhttp.NewRecoveryCode()
	if err := store.SetRecoveryCode(ctx, u.ID, hash); err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "recovery code for %s (%s %d), usable once: %s\n", u.Email, u.Role, u.ID, code)
	return nil
}
