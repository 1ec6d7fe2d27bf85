import { AppError } from '#app/lib/errors.ts'

/** Field errors of a draft whose amounts do not parse in its currency (reported back on the form). */
export class LineErrors extends AppError {
  constructor(public fieldErrors: Record<string, string[]>) {
    super('invalid', 'quotes:errors.linesInvalid')
  }
}
