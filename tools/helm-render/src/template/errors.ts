/** A template that cannot be parsed or executed; names the file and line like Helm does. */
export class TemplateError extends Error {
  constructor(
    readonly template: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${template}:${line}: ${detail}`);
    this.name = 'TemplateError';
  }
}
