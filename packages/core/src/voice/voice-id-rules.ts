/** MiniMax's rules for a `voice_id`, in words (a module of its own: the light `enums` entry shows it without the checks). */
export const voiceIdRules =
  "8 to 256 characters: letters, digits, - and _; the first a letter; not ending in - or _ (and unique in the account)";
