import { type PointerEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '#app/components/ui/button.tsx'
import { inputClass } from '#app/components/ui/field.tsx'

const WIDTH = 600
const HEIGHT = 200

/**
 * Signature, typed or drawn. Typing is the default (keyboard and screen-reader friendly); drawing records strokes as
 * SVG path data in a 600×200 box, which the PDF reproduces exactly.
 */
export function SignaturePad({ defaultName, errorId }: { defaultName: string; errorId?: string }) {
  const { t } = useTranslation('quotes')
  const [kind, setKind] = useState<'typed' | 'drawn'>('typed')
  const [typed, setTyped] = useState(defaultName)
  const [path, setPath] = useState('')
  const drawing = useRef(false)
  const svg = useRef<SVGSVGElement>(null)

  const point = (event: PointerEvent<SVGSVGElement>) => {
    const box = svg.current?.getBoundingClientRect()
    if (!box) return '0 0'
    const x = ((event.clientX - box.left) / box.width) * WIDTH
    const y = ((event.clientY - box.top) / box.height) * HEIGHT
    return `${Math.max(0, Math.min(WIDTH, x)).toFixed(1)} ${Math.max(0, Math.min(HEIGHT, y)).toFixed(1)}`
  }

  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800">{t('accept.signature')}</legend>
      <input type="hidden" name="signatureKind" value={kind} />
      <input type="hidden" name="signature" value={kind === 'typed' ? typed : path} />
      <div className="flex gap-4 text-sm" role="radiogroup" aria-label={t('accept.signatureKind')}>
        {(['typed', 'drawn'] as const).map((k) => (
          <label key={k} className="flex items-center gap-2">
            <input
              type="radio"
              name="signatureMode"
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            {t(`accept.${k}`)}
          </label>
        ))}
      </div>
      {kind === 'typed' ? (
        <label className="block">
          <span className="block text-sm text-slate-700">{t('accept.typeSignature')}</span>
          <input
            className={`mt-1 ${inputClass} font-serif text-2xl italic`}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            aria-describedby={errorId}
            maxLength={200}
            data-testid="typed-signature"
          />
        </label>
      ) : (
        <div>
          <svg
            ref={svg}
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            role="img"
            aria-label={t('accept.drawHere')}
            data-testid="signature-canvas"
            className="h-40 w-full touch-none rounded-md bg-white ring-1 ring-slate-300"
            onPointerDown={(e) => {
              drawing.current = true
              e.currentTarget.setPointerCapture(e.pointerId)
              setPath((p) => `${p}${p ? ' ' : ''}M ${point(e)}`)
            }}
            onPointerMove={(e) => {
              if (drawing.current) setPath((p) => `${p} L ${point(e)}`)
            }}
            onPointerUp={() => {
              drawing.current = false
            }}
          >
            <path d={path || 'M 0 0'} fill="none" stroke="#0f172a" strokeWidth={3} strokeLinecap="round" />
          </svg>
          <Button type="button" variant="ghost" onClick={() => setPath('')}>
            {t('accept.clear')}
          </Button>
        </div>
      )}
    </fieldset>
  )
}

/** The signature as recorded: the typed text, or the drawn strokes. */
export function SignatureView({ kind, signature }: { kind: 'typed' | 'drawn'; signature: string }) {
  if (kind === 'typed') return <p className="font-serif text-2xl italic text-slate-900">{signature}</p>
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-24 w-72" role="img" aria-label="signature">
      <path d={signature} fill="none" stroke="#0f172a" strokeWidth={3} strokeLinecap="round" />
    </svg>
  )
}
