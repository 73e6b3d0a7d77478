export * from "./database"; export * from "./events"; export * from "./event-store";
