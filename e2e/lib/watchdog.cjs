// Runs a command and makes sure it does not outlive the process that started it.
//
//   node watchdog.cjs <owner pid> <command> [args...]
//
// Started as the leader of its own process group (spawn with `detached`), together with the
// command it runs. Signals sent to the group reach both, and the command shuts down as usual. If
// the owner disappears without stopping us (a test runner interrupted with Ctrl-C or killed), the
// watchdog stops the whole group itself: no n8n is ever left running behind a finished test run.
'use strict';
const { spawn } = require('node:child_process');

const [ownerPid, command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: 'inherit' });

const ownerAlive = () => {
	try {
		process.kill(Number(ownerPid), 0);
		return true;
	} catch {
		return false;
	}
};

const timer = setInterval(() => {
	if (ownerAlive()) return;
	clearInterval(timer);
	try {
		child.kill('SIGTERM');
	} catch {}
	setTimeout(() => {
		try {
			process.kill(-process.pid, 'SIGKILL'); // the whole group, ourselves included
		} catch {}
	}, 10_000).unref();
}, 1_000);

// The group gets SIGTERM/SIGINT from whoever stops it: let the command handle it, exit with it.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => {});
child.on('exit', (code, signal) => {
	clearInterval(timer);
	process.exit(code ?? (signal ? 1 : 0));
});
