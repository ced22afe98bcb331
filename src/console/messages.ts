/** Every message of the console twin, prefixed with its module. */

export const parseNotACommand = (line: string) =>
  `console: "${line}" is not a command; commands start with / (type help for the list)`;
export const parseUnknownCommand = (name: string) =>
  `console: unknown command /${name}; type help for the list`;
export const parseUnknownSubcommand = (command: string, given: string | undefined, known: string[]) =>
  `console: /${command} needs a subcommand${given ? ` ("${given}" is not one)` : ""}: ${known.join(", ")}`;
export const parseMissingOption = (command: string, option: string) =>
  `console: /${command} needs ${option}:… (type help ${command})`;
export const parseBadNumber = (option: string, value: string) =>
  `console: ${option} must be a number, got "${value}"`;
export const parseBadInteger = (option: string, value: string) =>
  `console: ${option} must be a whole number, got "${value}"`;
export const parseBadBoolean = (option: string, value: string) =>
  `console: ${option} must be true or false, got "${value}"`;
export const parseBadChoice = (option: string, value: string, choices: string[]) =>
  `console: ${option} must be one of ${choices.join(", ")}; got "${value}"`;
export const parseUnexpectedText = (command: string, text: string) =>
  `console: /${command} takes no text "${text}"; give options as name:value`;
export const parseContextMenu = (name: string) =>
  `console: "${name}" is a message command; in the console give the message text: ${name}: TEXT`;

export const TWIN_GOODBYE = "bye";
export const twinBanner = (knowledgeDir: string, articles: number) =>
  `newsdesk: console twin (no DISCORD_TOKEN set) over ${knowledgeDir}/ — ${articles} article${articles === 1 ? "" : "s"}`;
export const TWIN_HINT =
  'Ask a question in plain words, or type a command like "/when event:joint statement"; "help" for the list, "exit" to leave.';
export const twinCommandFailed = (command: string) =>
  `/${command} failed: the error has been logged (LOG_LEVEL=error or lower shows it).`;
