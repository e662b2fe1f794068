//! Running the `git` command line on the notes' repository, for what only git itself does
//! right: commits (the user's hooks, signing, filters, index lock) and questions about its
//! own setup (`rev-parse --git-path hooks`, where a config value comes from).

use crate::commit::{GitEnv, IDENTITY_VARS};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use thiserror::Error;

/// Why a git command failed.
#[derive(Debug, Error)]
pub(crate) enum GitCliError {
    /// `git` could not be started.
    #[error("failed to run `git {command}`")]
    Spawn {
        command: &'static str,
        #[source]
        source: std::io::Error,
    },
    /// Git exited with an error; `message` is what it printed.
    #[error("`git {command}` failed ({status}):\n{message}")]
    Failed {
        command: &'static str,
        status: String,
        message: String,
    },
}

/// The `git` command line aimed at one repository: the git directory and work tree are
/// passed explicitly (so a relative `GIT_DIR` or another repository around the current
/// directory cannot redirect it) and pathspecs are literal. With `env`, the identity
/// variables are exactly those.
pub(crate) struct GitCli<'a> {
    git_dir: &'a Path,
    workdir: &'a Path,
    env: Option<&'a GitEnv>,
}

impl<'a> GitCli<'a> {
    pub(crate) fn new(git_dir: &'a Path, workdir: &'a Path, env: Option<&'a GitEnv>) -> Self {
        GitCli {
            git_dir,
            workdir,
            env,
        }
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new("git");
        let mut git_dir = std::ffi::OsString::from("--git-dir=");
        git_dir.push(self.git_dir);
        let mut work_tree = std::ffi::OsString::from("--work-tree=");
        work_tree.push(self.workdir);
        cmd.current_dir(self.workdir)
            .arg(git_dir)
            .arg(work_tree)
            .arg("--literal-pathspecs");
        if let Some(env) = self.env {
            for var in IDENTITY_VARS {
                cmd.env_remove(var);
            }
            cmd.envs(&env.vars);
        }
        cmd
    }

    /// Runs `git ARGS PATHS`, feeding `stdin`; returns standard output.
    pub(crate) fn run(
        &self,
        command: &'static str,
        args: &[&str],
        paths: &[&String],
        stdin: Option<&[u8]>,
    ) -> Result<Vec<u8>, GitCliError> {
        let mut cmd = self.command();
        cmd.args(args)
            .args(paths)
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let spawn = |source| GitCliError::Spawn { command, source };
        let mut child = cmd.spawn().map_err(spawn)?;
        if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
            // A hook that exits without reading closes the pipe: git's answer says why.
            let _ = pipe.write_all(input);
        }
        let out = child.wait_with_output().map_err(spawn)?;
        if out.status.success() {
            return Ok(out.stdout);
        }
        let mut said = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        if said.is_empty() {
            said = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        }
        Err(GitCliError::Failed {
            command,
            status: out
                .status
                .code()
                .map_or_else(|| "killed by a signal".to_owned(), |c| format!("exit {c}")),
            message: said,
        })
    }

    /// Runs `git ARGS`; `None` when git exits 1 (e.g. a config key that is not set).
    pub(crate) fn query(
        &self,
        command: &'static str,
        args: &[&str],
    ) -> Result<Option<String>, GitCliError> {
        match self.run(command, args, &[], None) {
            Ok(out) => Ok(Some(String::from_utf8_lossy(&out).into_owned())),
            Err(GitCliError::Failed { status, .. }) if status == "exit 1" => Ok(None),
            Err(e) => Err(e),
        }
    }
}
