/**
 * Every user- or operator-facing message of `src/discord` (and the console twin that shares its
 * loader), in one file, prefixed with the module that raises it.
 */

/** A command module that is not a Command or a CommandFactory. */
export const loaderInvalidModule = (file: string, detail: string) =>
  `loader: ${file}: not a valid command module (${detail}); its default export must be { data, execute } satisfying Command, or { generate } satisfying CommandFactory`;

/** A command module that failed to import. */
export const loaderImportFailed = (file: string, detail: string) =>
  `loader: ${file}: cannot load (${detail})`;

/** A command factory whose generate() threw or returned something else than commands. */
export const loaderFactoryFailed = (file: string, detail: string) =>
  `loader: ${file}: command factory failed (${detail})`;

/** Two commands with the same name. */
export const loaderDuplicateName = (name: string, first: string, second: string) =>
  `loader: command "${name}" is defined twice, in ${first} and in ${second}`;

/** A command whose payload breaks Discord's rules. */
export const loaderInvalidPayload = (file: string, detail: string) =>
  `loader: ${file}: the command payload breaks Discord's rules (${detail})`;

/** The commands folder is missing. */
export const loaderNoFolder = (dir: string) => `loader: ${dir}: no commands folder here`;

/** The short ephemeral answer of the interaction error boundary. */
export const BOUNDARY_ERROR_TITLE = "Something went wrong";
export const boundaryErrorText = (commandName: string) =>
  `/${commandName} failed on our side. It has been logged; please try again in a moment.`;

/** A command the bot does not know (deployed commands out of date). */
export const boundaryUnknownCommand = (commandName: string) =>
  `/${commandName} is not served by this bot any more; the commands need a redeploy (npx newsdesk deploy-commands).`;

/** Only one of the two Discord credentials is set. */
export const startHalfCredentials = (missing: string, present: string) =>
  `config: ${missing} is not set but ${present} is; set both to run on Discord, or neither for the console twin`;

/** Deploy without credentials. */
export const DEPLOY_NO_CREDENTIALS =
  "deploy-commands: DISCORD_TOKEN and DISCORD_APPLICATION_ID must both be set to deploy commands";

/** The hint added where a long text was cut. */
export const RENDER_MORE_HINT = " … (more: cut to fit Discord)";
