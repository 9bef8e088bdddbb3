// What a Node built-in resolves to when the journey language is type-checked on its own
// (engine/journey/tsconfig.json): nothing, so importing one is an error naming the import.
export {};
