// Many independent line segments drawn with one vertex buffer and one draw call (GL LINES), for
// the links of large worlds: a PolylineCollection rebuilds per-polyline geometry whenever a
// polyline moves, which is the cost that dominates when thousands of ISLs move every frame.
// The positions are Earth-fixed (ECEF, float32: ~0.5 m at LEO radius, invisible at the zoom
// levels where links are seen). Drawn in the 3D view only; 2D and Columbus views use polylines.
import {
  BlendingState, BoundingSphere, Buffer, BufferUsage, Cartesian3, ComponentDatatype, DrawCommand,
  Matrix4, Pass, PrimitiveType, RenderState, SceneMode, ShaderProgram, ShaderSource, VertexArray,
} from "cesium";

const VS = `
in vec3 position;
in vec4 color;
out vec4 v_color;
void main() {
  v_color = color;
  gl_Position = czm_modelViewProjection * vec4(position, 1.0);
  czm_vertexLogDepth(gl_Position);
}`;
const FS = `
in vec4 v_color;
void main() {
  out_FragColor = v_color;
  czm_writeLogDepth();
}`;

export class LineSegments {
  constructor(maxSegments) {
    this.show = true;
    this.count = 0;
    this.positions = new Float32Array(Math.max(1, maxSegments) * 6);
    this.colors = new Uint8Array(Math.max(1, maxSegments) * 8);
    this.dirty = true;
    this._command = undefined;
    this._logDepth = undefined;
  }

  // Segment i from a to b (Cartesian3-like) in colour rgba (0-255 each).
  set(i, a, b, rgba) {
    const p = this.positions, c = this.colors, j = 6 * i, k = 8 * i;
    p[j] = a.x; p[j + 1] = a.y; p[j + 2] = a.z; p[j + 3] = b.x; p[j + 4] = b.y; p[j + 5] = b.z;
    c[k] = c[k + 4] = rgba[0]; c[k + 1] = c[k + 5] = rgba[1];
    c[k + 2] = c[k + 6] = rgba[2]; c[k + 3] = c[k + 7] = rgba[3];
  }

  update(frameState) {
    if (!this.show || this.count === 0 || frameState.mode !== SceneMode.SCENE3D) return;
    const context = frameState.context;
    if (this._command === undefined) {
      this._pos = Buffer.createVertexBuffer({ context, sizeInBytes: this.positions.byteLength,
        usage: BufferUsage.STREAM_DRAW });
      this._col = Buffer.createVertexBuffer({ context, sizeInBytes: this.colors.byteLength,
        usage: BufferUsage.STREAM_DRAW });
      this._va = new VertexArray({ context, attributes: [
        { index: 0, vertexBuffer: this._pos, componentsPerAttribute: 3,
          componentDatatype: ComponentDatatype.FLOAT },
        { index: 1, vertexBuffer: this._col, componentsPerAttribute: 4,
          componentDatatype: ComponentDatatype.UNSIGNED_BYTE, normalize: true },
      ] });
      this._command = new DrawCommand({
        owner: this, primitiveType: PrimitiveType.LINES, vertexArray: this._va,
        renderState: RenderState.fromCache({ depthTest: { enabled: true }, depthMask: false,
          blending: BlendingState.ALPHA_BLEND }),
        pass: Pass.TRANSLUCENT, modelMatrix: Matrix4.IDENTITY,
        boundingVolume: new BoundingSphere(Cartesian3.ZERO, 1e8),
      });
    }
    if (this._logDepth !== frameState.useLogDepth) {
      this._logDepth = frameState.useLogDepth;
      const defines = this._logDepth ? ["LOG_DEPTH"] : [];
      this._command.shaderProgram = ShaderProgram.fromCache({ context,
        vertexShaderSource: new ShaderSource({ sources: [VS], defines }),
        fragmentShaderSource: new ShaderSource({ sources: [FS], defines }),
        attributeLocations: { position: 0, color: 1 } });
    }
    if (this.dirty) {
      this._pos.copyFromArrayView(this.positions.subarray(0, this.count * 6));
      this._col.copyFromArrayView(this.colors.subarray(0, this.count * 8));
      this.dirty = false;
    }
    this._command.count = this.count * 2;
    frameState.commandList.push(this._command);
  }

  isDestroyed() { return false; }
  destroy() {
    if (this._va) this._va.destroy();
    return undefined;
  }
}
